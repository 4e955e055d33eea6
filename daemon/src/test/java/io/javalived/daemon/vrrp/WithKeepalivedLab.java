package io.javalived.daemon.vrrp;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A test with a fresh {@link VrrpLab} (seed topology, keepalived installed) per test method, closed after it. */
abstract class WithKeepalivedLab {
    VrrpLab lab;

    @BeforeEach
    void openLab() {
        lab = VrrpLab.withKeepalived();
    }

    @AfterEach
    void closeLab() {
        if (lab != null) lab.close();
    }
}
