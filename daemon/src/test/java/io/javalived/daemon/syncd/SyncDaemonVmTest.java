package io.javalived.daemon.syncd;

import io.javalived.daemon.GuestProofs;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** javalived's lvs_sync_daemon against the real kernel's sync daemons, in the qemu VM: see {@link SyncDaemonVmProofs}. */
@Tag("vm")
class SyncDaemonVmTest {

    @Test
    void syncDaemonsFollowVrrpOnRealIpvs() throws Exception {
        GuestProofs.prove(GuestProofs.vmRunOrSkip(), 1200, SyncDaemonVmProofs.class);
    }
}
