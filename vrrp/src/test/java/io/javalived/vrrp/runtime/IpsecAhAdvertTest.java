package io.javalived.vrrp.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.vrrp.packet.AuthData;
import io.javalived.vrrp.packet.AuthType;
import io.javalived.vrrp.packet.IpFamily;
import io.javalived.vrrp.packet.IpsecAh;
import io.javalived.vrrp.packet.VrrpVersion;
import io.javalived.vrrp.receive.AdvertValidator;
import io.javalived.vrrp.receive.Expectations;
import io.javalived.vrrp.receive.ReceivedPacket;
import io.javalived.vrrp.receive.RejectReason;
import io.javalived.vrrp.receive.Reception;
import io.javalived.vrrp.state.InstanceSettings;
import io.javalived.vrrp.state.Vip;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * auth_type AH against bytes keepalived 2.2.7 sent (captured with tcpdump in a namespace: 10.99.0.1, VRID 51,
 * priority 100, VIP 10.99.0.100, auth_pass s3cret, its first three adverts): javalived builds the same bytes and
 * accepts keepalived's, refuses a wrong key, a changed field, a false SPI and a replayed sequence number.
 */
class IpsecAhAdvertTest {
    static final List<String> KEEPALIVED = List.of(
            "45c0004000010000ff33d0530a630001e0000012700400000a630001000000012c7f5c75c0cfdf0f833af4202133640102016e030a6300640000000000000000",
            "45c0004000020000ff33d0520a630001e0000012700400000a63000100000002be465c212eba8eac76bd92d12133640102016e030a6300640000000000000000",
            "45c0004000030000ff33d0510a630001e0000012700400000a630001000000035a75a33be1cb6c19f607fb732133640102016e030a6300640000000000000000");

    static Inet4Address v4(String s) {
        try {
            return (Inet4Address) InetAddress.getByName(s);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    static Expectations expectations(String pass) {
        return new Expectations(VrrpVersion.V2, IpFamily.IPV4, 51, AuthType.AH, AuthData.password(pass), 100, false,
                AdvertValidator.VRRP_GROUP_V4, List.of(), false, false, List.of(v4("10.99.0.100")), false);
    }

    static InstanceConfig config() {
        var s = InstanceSettings.of("VI_1", VrrpVersion.V2, 51, 100, false, 100, v4("10.99.0.1"));
        return new InstanceConfig(s, expectations("s3cret"), "veth0", v4("10.99.0.1"),
                List.of(AdvertValidator.VRRP_GROUP_V4), 255, List.of(Vip.of(v4("10.99.0.100"), 24, "veth0")), List.of(),
                AuthType.AH, AuthData.password("s3cret"), false, Notifies.NONE, List.of(), List.of(), Optional.empty());
    }

    @Test
    void javalivedBuildsTheBytesKeepalivedSends() {
        AdvertBuilder b = new AdvertBuilder(config(), 0);
        for (String k : KEEPALIVED) {
            assertThat(HexFormat.of().formatHex(b.build(100).getFirst().bytes())).isEqualTo(k);
        }
        assertThat(b.ahSequence().current()).isEqualTo(3);
    }

    @Test
    void keepalivedsAdvertsPassAndAreRefusedWithTheWrongKeyOrAChangedField() {
        for (String k : KEEPALIVED) {
            assertThat(AdvertValidator.check(new ReceivedPacket.Ipv4Datagram(bytes(k)), expectations("s3cret")))
                    .isInstanceOf(Reception.Accepted.class);
            assertThat(IpsecAh.sequence(bytes(k), 20)).isBetween(1L, 3L);
        }
        byte[] first = bytes(KEEPALIVED.getFirst());
        assertThat(reason(first, "wrong")).isEqualTo(RejectReason.AUTH_FAILURE);
        byte[] prio = first.clone();
        prio[44 + 2] = (byte) 200;   // the advert's priority changed on the way
        assertThat(reason(prio, "s3cret")).isEqualTo(RejectReason.AUTH_FAILURE);
        byte[] mutable = first.clone();
        mutable[1] = 0;              // TOS, fragment field and checksum are not covered
        mutable[10] = 0x12;
        assertThat(AdvertValidator.check(new ReceivedPacket.Ipv4Datagram(mutable), expectations("s3cret")))
                .isInstanceOf(Reception.Accepted.class);
        byte[] next = first.clone();
        next[20] = 6;                // AH in front of TCP, not VRRP
        assertThat(reason(next, "s3cret")).isEqualTo(RejectReason.AH_MISMATCH);
    }

    @Test
    void anSpiThatIsNotTheSourceIsRefused() {
        byte[] d = bytes(KEEPALIVED.getFirst());
        d[27] = 9;                   // SPI 10.99.0.9, resealed so only the SPI is wrong
        IpsecAh.seal(d, 20, AuthData.password("s3cret"), false);
        assertThat(reason(d, "s3cret")).isEqualTo(RejectReason.AUTH_FAILURE);
    }

    @Test
    void theSequenceNumberIsCheckedAgainstTheCounterTheSenderShares() {
        AhSequence s = new AhSequence();
        assertThat(s.accept(2)).isTrue();
        assertThat(s.accept(2)).as("replayed").isFalse();
        assertThat(s.accept(1)).as("older").isFalse();
        assertThat(s.next()).as("our own numbers go on above what we heard").isEqualTo(3);
        s.passLowerPriority(10);
        assertThat(s.next()).isEqualTo(12);
    }

    @Test
    void aBackupReceiverDropsAReplayedAdvert() {
        var platform = new InMemoryPlatform(new InMemoryPlatform.Wire(), v4("10.99.0.2"));
        var scheduler = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        try {
            LoopInbox loop = new LoopInbox() {
                public void advertsWaiting(RunningInstance instance) {}

                public void trackersChanged(RunningInstance instance) {}

                public void addressRemoved(InetAddress address) {}
            };
            RunningInstance i = new RunningInstance(config(), platform, scheduler, loop, () -> true, null);
            AdvertReceiver r = i.receiver();
            r.receive(new ReceivedPacket.Ipv4Datagram(bytes(KEEPALIVED.get(1))));
            r.receive(new ReceivedPacket.Ipv4Datagram(bytes(KEEPALIVED.get(0))));
            r.receive(new ReceivedPacket.Ipv4Datagram(bytes(KEEPALIVED.get(2))));
            assertThat(i.builder().ahSequence().current()).isEqualTo(3);
            assertThat(i.counters().received().rejected(RejectReason.AUTH_FAILURE)).as("the older number").isEqualTo(1);
            assertThat(i.counters().received().received()).as("the two new ones").isEqualTo(2);
        } finally {
            scheduler.shutdownNow();
        }
    }

    private static RejectReason reason(byte[] d, String pass) {
        Reception r = AdvertValidator.check(new ReceivedPacket.Ipv4Datagram(d), expectations(pass));
        assertThat(r).isInstanceOf(Reception.Rejected.class);
        return ((Reception.Rejected) r).reason();
    }
}
