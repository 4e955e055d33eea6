package io.javalived.daemon.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** A syslog datagram's bytes: the time field exactly as the DateTimeFormatter it replaced wrote it. */
class SyslogFormatTest {
    private static final DateTimeFormatter REFERENCE = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ROOT);

    private static String datagram(Instant at, ZoneId zone) {
        return new String(SyslogFormat.datagram(SyslogFacility.DAEMON, 6, at.toEpochMilli(), LocalTimeZone.of(zone),
                "Keepalived_vrrp", 4242, "détail"),
                StandardCharsets.UTF_8);
    }

    @Test
    void theHeaderAsSyslog3WritesIt() {
        assertThat(datagram(Instant.parse("2026-12-02T04:05:06.789Z"), ZoneId.of("UTC")))
                .isEqualTo("<30>Dec  2 04:05:06 Keepalived_vrrp[4242]: détail");
        assertThat(datagram(Instant.parse("2026-01-31T23:59:59Z"), ZoneId.of("UTC")))
                .isEqualTo("<30>Jan 31 23:59:59 Keepalived_vrrp[4242]: détail");
    }

    @Test
    void everyMonthDayAndHourAsTheFormatterWroteThem() {
        for (ZoneId zone : new ZoneId[] {ZoneId.of("UTC"), ZoneId.of("Europe/Berlin"), ZoneId.of("Asia/Kathmandu"),
                ZoneId.of("America/Los_Angeles"), ZoneId.systemDefault()}) {
            Instant t = Instant.parse("2025-12-31T00:00:00Z");
            for (int i = 0; i < 400 * 5; i++) {
                t = t.plusSeconds(4 * 3600 + 61 * 7 + 13); // steps through every day, hour, minute and second digit
                String expected = "<30>" + REFERENCE.format(t.atZone(zone)) + " Keepalived_vrrp[4242]: détail";
                assertThat(datagram(t, zone)).as("%s in %s", t, zone).isEqualTo(expected);
            }
        }
    }
}
