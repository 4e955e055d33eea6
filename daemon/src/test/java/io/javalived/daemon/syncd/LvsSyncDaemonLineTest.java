package io.javalived.daemon.syncd;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.parser.model.RawValue;
import io.javalived.parser.model.SourceLocation;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The lvs_sync_daemon line read with keepalived 2.2.7's rules; every problem names the line. */
class LvsSyncDaemonLineTest {
    static LvsSyncDaemonLine.Reading read(String words) {
        return LvsSyncDaemonLine.read(new RawValue("lvs_sync_daemon", Arrays.asList(words.split(" +")),
                new SourceLocation("keepalived.conf", 3, 0)));
    }

    @Test
    void everyOption() throws Exception {
        var r = read("eth1 VI_1 id 5 maxlen 1200 port 9000 ttl 3 group 239.9.9.9");
        assertThat(r.problems()).isEmpty();
        assertThat(r.line()).contains(new LvsSyncDaemonLine("keepalived.conf:3", "eth1", Optional.of("VI_1"),
                OptionalInt.of(5), 1200, InetAddress.getByName("239.9.9.9"), 9000, 3));
        assertThat(read("eth1 inst VI_1").line().orElseThrow().instance()).contains("VI_1");
    }

    @Test
    void interfaceAloneNamesNoInstanceAndLeavesTheRestToTheKernel() {
        var r = read("eth0");
        assertThat(r.problems()).isEmpty();
        assertThat(r.line()).contains(new LvsSyncDaemonLine("keepalived.conf:3", "eth0", Optional.empty(),
                OptionalInt.empty(), 0, null, 0, 0));
    }

    @Test
    void theOldFormStillWorksWithARequestToWriteId() {
        var r = read("eth0 VI_1 7");
        assertThat(r.line().orElseThrow().instance()).contains("VI_1");
        assertThat(r.line().orElseThrow().syncId()).hasValue(7);
        assertThat(r.problems()).containsExactly("keepalived.conf:3: lvs_sync_daemon: please write \"id 7\" for the sync id");
    }

    @Test
    void badValuesAreReportedAndLeftToTheirDefaults() {
        var r = read("eth0 VI_1 id 300 maxlen 0 port 70000 ttl x group 10.0.0.1 bogus");
        LvsSyncDaemonLine l = r.line().orElseThrow();
        assertThat(l.syncId()).isEmpty();
        assertThat(l.maxLength()).isZero();
        assertThat(l.port()).isZero();
        assertThat(l.ttl()).isZero();
        assertThat(l.group()).isNull();
        assertThat(r.problems()).hasSize(6).allMatch(p -> p.startsWith("keepalived.conf:3: lvs_sync_daemon"));
        assertThat(r.problems()).anyMatch(p -> p.contains("group 10.0.0.1 is not multicast"))
                .anyMatch(p -> p.contains("unknown option bogus"));
    }

    @Test
    void aMissingOrTooLongInterfaceRunsNothing() {
        assertThat(LvsSyncDaemonLine.read(new RawValue("lvs_sync_daemon", java.util.List.of(),
                new SourceLocation("keepalived.conf", 3, 0))).line()).isEmpty();
        var r = read("a234567890123456 VI_1");
        assertThat(r.line()).isEmpty();
        assertThat(r.problems()).singleElement().asString().contains("too long");
    }
}
