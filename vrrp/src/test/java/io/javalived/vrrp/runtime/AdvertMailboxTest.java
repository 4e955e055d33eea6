package io.javalived.vrrp.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.vrrp.state.VrrpEvent.AdvertReceived;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdvertMailboxTest {
    static AdvertReceived advert(String source, int priority) throws UnknownHostException {
        return new AdvertReceived(InetAddress.getByName(source), priority, 100);
    }

    static List<AdvertReceived> adverts(AdvertMailbox box) {
        return box.takeAll().stream().map(AdvertMailbox.Waiting::advert).toList();
    }

    @Test
    void keepsTheLatestAdvertOfEachSourceAndAsksForOneDrainPerBatch() throws Exception {
        var box = new AdvertMailbox();
        assertThat(box.offer(advert("10.0.0.100", 20), 0)).as("first: wake the loop").isTrue();
        for (int i = 0; i < 100_000; i++) assertThat(box.offer(advert("10.0.0.100", 20), 0)).isFalse();
        assertThat(box.offer(advert("10.0.0.6", 150), 0)).isFalse();
        assertThat(box.offer(advert("10.0.0.100", 21), 0)).isFalse();
        assertThat(adverts(box)).containsExactly(advert("10.0.0.100", 21), advert("10.0.0.6", 150));
        assertThat(box.superseded()).isEqualTo(100_001);
        assertThat(adverts(box)).isEmpty();
        assertThat(box.offer(advert("10.0.0.6", 150), 0)).as("empty again: wake the loop again").isTrue();
    }

    @Test
    void forgedSourcesBeyondTheLimitNeverPushOutAHigherPriorityOrALeavingMaster() throws Exception {
        var box = new AdvertMailbox();
        box.offer(advert("10.0.0.6", 150), 0);
        box.offer(advert("10.0.0.7", 0), 0);
        for (int i = 0; i < 1000; i++) box.offer(advert("10.9." + (i / 250) + "." + (i % 250), 20), 0);
        List<AdvertReceived> taken = adverts(box);
        assertThat(taken).hasSize(AdvertMailbox.MAX_SOURCES).contains(advert("10.0.0.6", 150), advert("10.0.0.7", 0));
        assertThat(box.overflowed()).isEqualTo(1000 - (AdvertMailbox.MAX_SOURCES - 2));
        box.offer(advert("10.0.0.6", 150), 0);
        for (int i = 0; i < 15; i++) box.offer(advert("10.9.0." + i, 20), 0);
        box.offer(advert("10.0.0.8", 30), 0);
        assertThat(adverts(box)).as("a higher priority outbids the lowest waiting").contains(advert("10.0.0.8", 30))
                .hasSize(AdvertMailbox.MAX_SOURCES);
    }

    @Test
    void eachAdvertKeepsWhenItWasReadSoTheLoopStartsTimersFromItsArrival() throws Exception {
        var box = new AdvertMailbox();
        box.offer(advert("10.0.0.6", 150), 1_000);
        box.offer(advert("10.0.0.7", 0), 2_000);
        box.offer(advert("10.0.0.6", 150), 3_000); // replaces the first: the latest advert, and its time
        assertThat(box.takeAll()).containsExactly(new AdvertMailbox.Waiting(advert("10.0.0.6", 150), 3_000),
                new AdvertMailbox.Waiting(advert("10.0.0.7", 0), 2_000));
    }
}
