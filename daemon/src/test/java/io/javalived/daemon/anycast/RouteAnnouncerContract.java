package io.javalived.daemon.anycast;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What every {@link RouteAnnouncer} does: the kernel one and its in-memory twin run the same tests. */
public abstract class RouteAnnouncerContract {
    private RouteAnnouncer announcer;

    /** A fresh announcer with nothing announced. */
    protected abstract RouteAnnouncer open() throws Exception;

    /** Hook after each test (the kernel test's namespace). */
    protected void cleanUp() throws Exception {
    }

    protected RouteAnnouncer announcer() throws Exception {
        if (announcer == null) announcer = open();
        return announcer;
    }

    @AfterEach
    void closeIt() throws Exception {
        if (announcer != null) announcer.close();
        cleanUp();
    }

    static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    void startsWithNothing() throws Exception {
        assertThat(announcer().announced()).isEmpty();
    }

    @Test
    void announceIsIdempotentAndShows() throws Exception {
        RouteAnnouncer a = announcer();
        assertThat(a.announce(ip("192.0.2.10"))).isTrue();
        assertThat(a.announce(ip("192.0.2.10"))).as("a second announce is no change").isFalse();
        assertThat(a.announce(ip("2001:db8::10"))).isTrue();
        assertThat(a.announced()).containsExactlyInAnyOrder(ip("192.0.2.10"), ip("2001:db8::10"));
    }

    @Test
    void withdrawIsIdempotent() throws Exception {
        RouteAnnouncer a = announcer();
        a.announce(ip("192.0.2.10"));
        a.announce(ip("192.0.2.11"));
        assertThat(a.withdraw(ip("192.0.2.10"))).isTrue();
        assertThat(a.withdraw(ip("192.0.2.10"))).as("a second withdraw is no change").isFalse();
        assertThat(a.withdraw(ip("192.0.2.99"))).as("never announced").isFalse();
        assertThat(a.announced()).containsExactly(ip("192.0.2.11"));
    }

    @Test
    void closeWithdrawsEverythingOnce() throws Exception {
        RouteAnnouncer a = announcer();
        a.announce(ip("192.0.2.10"));
        a.announce(ip("2001:db8::10"));
        a.close();
        a.close();
        assertThat(a.announced()).isEmpty();
    }
}
