package io.javalived.vrrp.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link VipFirewall} does: the in-memory twin and the nftables one in a namespace run it alike. */
public abstract class VipFirewallContract {
    protected VipFirewall firewall;

    /** A fresh firewall with nothing blocked. */
    protected abstract VipFirewall create() throws Exception;

    /** What the kernel (or the twin) drops now, as addresses; the twin answers from its own state. */
    protected abstract List<InetAddress> droppedNow() throws Exception;

    @BeforeEach
    void open() throws Exception {
        firewall = create();
    }

    @AfterEach
    void closeIt() {
        if (firewall != null) firewall.close();
    }

    protected static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void blockAndUnblockAreIdempotent() throws Exception {
        firewall.block(List.of(ip("10.0.0.3"), ip("10.0.0.4")));
        firewall.block(List.of(ip("10.0.0.3")));
        assertThat(firewall.blocked()).containsExactlyInAnyOrder(ip("10.0.0.3"), ip("10.0.0.4"));
        assertThat(droppedNow()).containsExactlyInAnyOrder(ip("10.0.0.3"), ip("10.0.0.4"));
        firewall.unblock(List.of(ip("10.0.0.3")));
        firewall.unblock(List.of(ip("10.0.0.3"), ip("10.0.0.9")));
        assertThat(firewall.blocked()).containsExactly(ip("10.0.0.4"));
        assertThat(droppedNow()).containsExactly(ip("10.0.0.4"));
    }

    @Test
    void closeRemovesEverything() throws Exception {
        firewall.block(List.of(ip("10.0.0.3")));
        firewall.close();
        assertThat(firewall.blocked()).isEmpty();
        assertThat(droppedNow()).isEmpty();
        firewall.block(List.of(ip("10.0.0.5")));   // usable again after close, from scratch
        assertThat(droppedNow()).containsExactly(ip("10.0.0.5"));
    }
}
