package io.javalived.daemon.log;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** keepalived's -S values and syslog's facility numbers (sys/syslog.h: LOG_DAEMON 3, LOG_USER 1, LOG_LOCAL0 16..). */
class SyslogFacilityTest {
    @Test
    void digitsAndLocalNamesAreLocal0To7() {
        for (int n = 0; n <= 7; n++) {
            assertThat(SyslogFacility.parse(Integer.toString(n))).get().isEqualTo(new SyslogFacility("local" + n, 16 + n));
            assertThat(SyslogFacility.parse("local" + n)).get().isEqualTo(new SyslogFacility("local" + n, 16 + n));
        }
    }

    @Test
    void userAndDaemonByNameAndNothingElse() {
        assertThat(SyslogFacility.parse("daemon")).contains(SyslogFacility.DAEMON);
        assertThat(SyslogFacility.DAEMON.code()).isEqualTo(3);
        assertThat(SyslogFacility.parse("user")).get().extracting(SyslogFacility::code).isEqualTo(1);
        for (String bad : new String[] {"8", "local8", "-1", "kern", "", "local", "07"}) {
            assertThat(SyslogFacility.parse(bad)).as(bad).isEmpty();
        }
    }
}
