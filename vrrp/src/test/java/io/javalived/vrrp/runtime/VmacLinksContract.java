package io.javalived.vrrp.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalived.vrrp.packet.IpFamily;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What every {@link VmacLinks} does: the Linux one on a namespace's kernel and the in-memory twin. */
public abstract class VmacLinksContract {
    protected static final Vmac VMAC = new Vmac("vrrp.70", "eth0", Vmac.standardMac(70, IpFamily.IPV4), IpFamily.IPV4,
            Optional.empty());

    /** A fresh VmacLinks (a new daemon) on the same host. */
    protected abstract VmacLinks links();

    /** The MAC of the interface with this name, empty when there is none. */
    protected abstract Optional<String> macOf(String name);

    /** Makes an interface of another kind (not a macvlan) with this name. */
    protected abstract void addOtherInterface(String name);

    @Test
    void createMakesTheVmacWithItsMacAndRemoveTakesItAway() {
        VmacLinks l = links();
        l.create(VMAC);
        assertThat(macOf("vrrp.70")).contains("00:00:5e:00:01:46");
        l.create(VMAC); // again: nothing changes
        assertThat(macOf("vrrp.70")).contains("00:00:5e:00:01:46");
        l.remove(VMAC);
        assertThat(macOf("vrrp.70")).isEmpty();
        l.remove(VMAC); // already gone
    }

    @Test
    void aVmacLeftByAnEarlierDaemonIsTakenOverAndThenRemoved() {
        links().create(VMAC);
        VmacLinks next = links();
        next.create(VMAC);
        assertThat(macOf("vrrp.70")).contains("00:00:5e:00:01:46");
        next.remove(VMAC);
        assertThat(macOf("vrrp.70")).isEmpty();
    }

    @Test
    void removeLeavesAnInterfaceItDidNotMake() {
        links().create(VMAC);
        links().remove(VMAC);
        assertThat(macOf("vrrp.70")).as("made by another daemon: left").isPresent();
        VmacLinks l = links();
        l.create(VMAC);
        l.remove(VMAC);
    }

    @Test
    void anotherKindOfInterfaceWithTheNameIsAnErrorAndIsLeftAlone() {
        addOtherInterface("vrrp.71");
        Vmac v = new Vmac("vrrp.71", "eth0", Vmac.standardMac(71, IpFamily.IPV4), IpFamily.IPV4, Optional.empty());
        VmacLinks l = links();
        assertThatThrownBy(() -> l.create(v)).isInstanceOf(NetworkActionException.class).hasMessageContaining("vrrp.71");
        l.remove(v);
        assertThat(macOf("vrrp.71")).isPresent().get().isNotEqualTo("00:00:5e:00:01:47");
    }
}
