package io.javalived.vrrp.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.vrrp.receive.Notice;
import io.javalived.vrrp.receive.RejectReason;
import org.junit.jupiter.api.Test;

class AdvertFuzzerTest {

    @Test
    void aMillionRandomAndMutatedPacketsAllComeOutCounted() {
        var r = new AdvertFuzzer(20261121L).run(1_000_000);
        assertThat(r.escaped()).as("exceptions: %s", r.findings()).isZero();
        assertThat(r.findings()).isEmpty();
        // Every packet is either accepted or rejected with a reason, and counted once.
        assertThat(r.accepted() + r.statistics().rejectedTotal()).isEqualTo(r.packets());
        assertThat(r.statistics().received()).isEqualTo(r.accepted() + r.statistics().rejected(RejectReason.UNKNOWN_UNICAST_SOURCE));
        // The mutations reach deep into the checks: each of these reasons is seen.
        for (RejectReason reason : new RejectReason[] {RejectReason.IP_HEADER, RejectReason.LENGTH, RejectReason.TTL,
                RejectReason.VERSION, RejectReason.AUTH_TYPE_INVALID, RejectReason.AUTH_TYPE_MISMATCH,
                RejectReason.AUTH_FAILURE, RejectReason.INTERVAL_MISMATCH, RejectReason.TYPE, RejectReason.CHECKSUM,
                RejectReason.MODE_MISMATCH, RejectReason.UNKNOWN_UNICAST_SOURCE, RejectReason.AH_MISMATCH}) {
            assertThat(r.statistics().rejected(reason)).as(reason.name()).isPositive();
        }
        assertThat(r.statistics().noticed(Notice.INTERVAL_MISMATCH)).isPositive();
        assertThat(r.statistics().noticed(Notice.PRIORITY_ZERO)).isPositive();
        assertThat(r.stateChanges()).as("the state machine really moved").isPositive();
    }
}
