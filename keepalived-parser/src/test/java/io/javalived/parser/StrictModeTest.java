package io.javalived.parser;

import static io.javalived.parser.Configs.parse;
import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.parser.diag.Diagnostic;
import io.javalived.parser.model.InitialState;
import io.javalived.parser.model.VrrpInstance;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What vrrp_strict (and strict_mode) implies for an instance, as keepalived 2.2.7's vrrp_complete_instance does it. */
class StrictModeTest {
    @TempDir
    Path dir;

    private ParseResult strict(String body) {
        return parse(dir, "global_defs {\n vrrp_strict\n}\nvrrp_instance VI_1 {\n interface eth0\n virtual_router_id 51\n"
                + body + "\n}\n");
    }

    private static VrrpInstance only(ParseResult r) {
        assertThat(r.config().vrrpInstances()).hasSize(1);
        return r.config().vrrpInstances().getFirst();
    }

    private static List<String> messages(ParseResult r) {
        return r.diagnostics().stream().map(Diagnostic::message).toList();
    }

    private static final String VIP = " virtual_ipaddress {\n  10.0.0.3/24\n }\n";

    @Test
    void acceptIsOffByDefaultAndResetForVrrpV2() {
        assertThat(only(strict(VIP)).accept()).as("no_accept is strict mode's default").isFalse();
        assertThat(only(strict(VIP + " priority 255\n")).accept()).as("the address owner accepts").isTrue();
        ParseResult v2 = strict(VIP + " accept\n");
        assertThat(only(v2).accept()).as("RFC 3768 has no accept mode").isFalse();
        assertThat(messages(v2)).anyMatch(m -> m.contains("accept mode for VRRP version 2 does not comply with RFC3768"));
        ParseResult v3 = strict(VIP + " version 3\n accept\n");
        assertThat(only(v3).accept()).isTrue();
    }

    @Test
    void stateMasterMustMatchBeingTheAddressOwner() {
        ParseResult r = strict(VIP + " state MASTER\n priority 150\n");
        assertThat(only(r).state()).isEqualTo(InitialState.BACKUP);
        assertThat(messages(r)).anyMatch(m -> m.contains("(VI_1) State MASTER must match being address owner"));
        assertThat(only(strict(VIP + " state MASTER\n priority 255\n")).state()).isEqualTo(InitialState.MASTER);
    }

    @Test
    void anInstanceWithoutVipsOrWithUnicastPeersIsRemoved() {
        ParseResult noVip = strict("");
        assertThat(noVip.config().vrrpInstances()).isEmpty();
        assertThat(messages(noVip)).anyMatch(m -> m.contains("No VIP specified; at least one is required"));
        ParseResult unicast = strict(VIP + " unicast_peer {\n  10.0.0.6\n }\n");
        assertThat(unicast.config().vrrpInstances()).isEmpty();
        assertThat(messages(unicast)).anyMatch(m -> m.contains("Unicast peers are not supported in strict mode"));
    }

    @Test
    void timersAndLowerPriorityExtrasAreReset() {
        ParseResult r = strict(VIP + " down_timer_adverts 5\n garp_lower_prio_repeat 3\n garp_lower_prio_delay 2\n"
                + " lower_prio_no_advert false\n higher_prio_send_advert true\n preempt_delay 5\n");
        VrrpInstance i = only(r);
        assertThat(i.downTimerAdverts()).isEqualTo(3);
        assertThat(i.garp().lowerPrioRepeat()).isZero();
        assertThat(i.garp().lowerPrioDelay()).isEqualTo(Duration.ZERO);
        assertThat(i.lowerPrioNoAdvert()).isTrue();
        assertThat(i.higherPrioSendAdvert()).isFalse();
        assertThat(i.preemptDelay()).isEqualTo(Duration.ZERO);
        assertThat(messages(r)).anyMatch(m -> m.contains("down_timer_adverts is incompatible with strict mode"))
                .anyMatch(m -> m.contains("Strict mode requires no repeat garps"))
                .anyMatch(m -> m.contains("Strict mode requires no repeat garp delay"))
                .anyMatch(m -> m.contains("Strict mode requires no lower priority advert"))
                .anyMatch(m -> m.contains("higher_prio_send_advert to be clear"));
    }

    @Test
    void withoutStrictNothingIsReset() {
        ParseResult r = parse(dir, "vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 51\n" + VIP
                + " down_timer_adverts 5\n garp_lower_prio_repeat 3\n state MASTER\n priority 150\n}\n");
        VrrpInstance i = only(r);
        assertThat(i.downTimerAdverts()).isEqualTo(5);
        assertThat(i.garp().lowerPrioRepeat()).isEqualTo(3);
        assertThat(i.state()).isEqualTo(InitialState.MASTER);
        assertThat(i.accept()).isTrue();
    }
}
