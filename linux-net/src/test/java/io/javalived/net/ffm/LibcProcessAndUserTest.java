package io.javalived.net.ffm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** kill (signal 0 probes), getuid/getgid and the name-service lookups against this host. */
class LibcProcessAndUserTest {

    @Test
    void rootIsUidZeroAndAnUnknownNameIsEmpty() {
        assertThat(Libc.getpwnam("root")).contains(new Libc.PasswdEntry("root", 0, 0));
        assertThat(Libc.getgrnam("root")).hasValue(0);
        assertThat(Libc.getpwnam("no-such-user-javalived")).isEmpty();
        assertThat(Libc.getgrnam("no-such-group-javalived")).isEmpty();
    }

    @Test
    void killWithSignalZeroTellsWhetherAProcessOrGroupExists() {
        int self = (int) ProcessHandle.current().pid();
        assertThat(Libc.kill(self, 0)).isTrue();
        assertThat(Libc.kill(-0x3ffffff, 0)).as("no such process group").isFalse();
        assertThat(Libc.getuid()).isGreaterThanOrEqualTo(0);
        assertThat(Libc.getgid()).isGreaterThanOrEqualTo(0);
    }
}
