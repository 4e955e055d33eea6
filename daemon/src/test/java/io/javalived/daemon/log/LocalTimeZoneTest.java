package io.javalived.daemon.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Local times from TimeZone's tables are java.time's, for every zone the JDK knows. */
class LocalTimeZoneTest {
    @Test
    void everyZoneGivesJavaTimesLocalTimeFrom1900To2100() {
        List<String> differences = new ArrayList<>();
        long from = Instant.parse("1900-01-01T00:00:00Z").toEpochMilli();
        long to = Instant.parse("2100-01-01T00:00:00Z").toEpochMilli();
        long step = 3 * 86_400_000L + 3_601_001L; // about three days, through every hour, into the milliseconds
        for (String id : ZoneId.getAvailableZoneIds()) {
            ZoneId zone = ZoneId.of(id);
            LocalTimeZone ours = LocalTimeZone.of(zone);
            for (long t = from; t < to; t += step) {
                LocalDateTime expected = LocalDateTime.ofInstant(Instant.ofEpochMilli(t), zone);
                if (!ours.at(t).equals(expected)) {
                    differences.add(id + " at " + Instant.ofEpochMilli(t) + ": " + ours.at(t) + " != " + expected);
                    break;
                }
            }
        }
        assertThat(differences).isEmpty();
    }

    @Test
    void aroundEveryTransitionOfSomeZones() {
        for (String id : List.of("Europe/Paris", "America/New_York", "Australia/Lord_Howe", "Europe/Dublin",
                "Asia/Kathmandu", "America/St_Johns", "Africa/Casablanca", "Pacific/Apia", "UTC", "Etc/GMT+5")) {
            ZoneId zone = ZoneId.of(id);
            LocalTimeZone ours = LocalTimeZone.of(zone);
            var rules = zone.getRules();
            Instant t = Instant.parse("1970-01-01T00:00:00Z");
            for (int i = 0; i < 400; i++) {
                var next = rules.nextTransition(t);
                if (next == null || next.getInstant().isAfter(Instant.parse("2100-01-01T00:00:00Z"))) break;
                t = next.getInstant();
                for (long d : new long[] {-1, 0, 1, -3_600_000, 3_600_000}) {
                    long ms = t.toEpochMilli() + d;
                    assertThat(ours.at(ms)).as("%s at %s", id, Instant.ofEpochMilli(ms))
                            .isEqualTo(LocalDateTime.ofInstant(Instant.ofEpochMilli(ms), zone));
                }
            }
        }
    }

    @Test
    void theSystemDefaultIsJavaTimesDefault() {
        long now = System.currentTimeMillis();
        assertThat(LocalTimeZone.systemDefault().at(now)).isEqualTo(LocalDateTime.ofInstant(Instant.ofEpochMilli(now),
                ZoneId.systemDefault()));
        assertThat(LocalTimeZone.systemDefault().zoneId()).isEqualTo(ZoneId.systemDefault());
    }
}
