package io.javalived.net.ffm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LibcTest {

    @Test
    void loopbackHasIndexOneAndTheNameRoundTrips() {
        int index = Libc.ifNameToIndex("lo");
        assertThat(index).isPositive();
        assertThat(Libc.ifIndexToName(index)).isEqualTo("lo");
    }

    @Test
    void unknownInterfaceIsErrnoExceptionNamingIt() {
        assertThatThrownBy(() -> Libc.ifNameToIndex("nosuchif0"))
                .isInstanceOf(ErrnoException.class)
                .hasMessageContaining("if_nametoindex(nosuchif0)")
                .hasMessageContaining("ENODEV")
                .satisfies(e -> assertThat(((ErrnoException) e).is(Errno.ENODEV)).isTrue());
    }

    @Test
    void unsupportedAddressFamilyIsCapturedFromErrno() {
        assertThatThrownBy(() -> Libc.socket(9999, SocketConstants.SOCK_RAW, 0))
                .isInstanceOf(ErrnoException.class)
                .hasMessageContaining("EAFNOSUPPORT")
                .hasMessageContaining("Address family not supported by protocol")
                .satisfies(e -> assertThat(((ErrnoException) e).symbol()).isEqualTo(Errno.EAFNOSUPPORT));
    }

    @Test
    void closingABadDescriptorIsEbadf() {
        assertThatThrownBy(() -> Libc.close(1_000_000))
                .isInstanceOf(ErrnoException.class)
                .hasMessageContaining("close(fd 1000000): EBADF");
    }

    @Test
    void strerrorAndSymbolicNamesAgree() {
        assertThat(Libc.strerror(Errno.EEXIST.number())).isEqualTo("File exists");
        assertThat(Libc.strerror(Errno.ENOENT.number())).isEqualTo("No such file or directory");
        assertThat(Errno.nameOf(3)).isEqualTo("ESRCH");
        assertThat(Errno.nameOf(22)).isEqualTo("EINVAL");
        assertThat(Errno.nameOf(1)).isEqualTo("EPERM");
        assertThat(Errno.nameOf(4242)).isEqualTo("errno 4242");
    }

    @Test
    void intSocketOptionsSetAndGet() {
        int fd = Libc.socket(SocketConstants.AF_INET, SocketConstants.SOCK_DGRAM | SocketConstants.SOCK_CLOEXEC, 0);
        try {
            Libc.setsockoptInt(fd, SocketConstants.SOL_SOCKET, SocketConstants.SO_RCVBUF, 65536);
            // Linux doubles the value to leave room for bookkeeping.
            assertThat(Libc.getsockoptInt(fd, SocketConstants.SOL_SOCKET, SocketConstants.SO_RCVBUF)).isEqualTo(131072);
        } finally {
            Libc.close(fd);
        }
    }

    @Test
    void signalIgnoredAgreesWithTheKernelsSigIgnMask() throws Exception {
        long sigIgn = sigIgnMask();
        for (int signo = 1; signo <= 64; signo++) {
            if (signo == 9 || signo == 19 || signo == 32 || signo == 33) continue; // KILL, STOP; glibc's own 32/33
            assertThat(Libc.signalIgnored(signo)).as("signal %d", signo).isEqualTo((sigIgn & (1L << (signo - 1))) != 0);
        }
        int unused = 44; // SIGRTMIN+10: nobody here uses it
        Libc.signalDefault(unused);
        assertThat(Libc.signalIgnored(unused)).isFalse();
        assertThat(sigIgnMask() & (1L << (unused - 1))).isZero();
    }

    @Test
    void sigactionOnANonSignalNamesTheCallAndEinval() {
        assertThatThrownBy(() -> Libc.signalIgnored(0)).isInstanceOf(ErrnoException.class)
                .hasMessageContaining("sigaction(0)").hasMessageContaining("EINVAL");
    }

    private static long sigIgnMask() throws java.io.IOException {
        return java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("SigIgn:")).map(l -> Long.parseUnsignedLong(l.substring(7).strip(), 16))
                .findFirst().orElseThrow();
    }

    @Test
    void flockExcludesAnotherOpenOfTheSameFileUntilTheHolderCloses(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        String f = dir.resolve("x.pid").toString();
        int a = Libc.open(f, Libc.O_RDWR | Libc.O_CREAT | Libc.O_CLOEXEC, 0644);
        int b = Libc.open(f, Libc.O_RDWR | Libc.O_CREAT | Libc.O_CLOEXEC, 0644);
        try {
            assertThat(java.nio.file.Files.getPosixFilePermissions(dir.resolve("x.pid")))
                    .doesNotContain(java.nio.file.attribute.PosixFilePermission.OTHERS_WRITE);
            assertThat(Libc.tryLockExclusive(a)).isTrue();
            assertThat(Libc.tryLockExclusive(b)).as("a second open file description").isFalse();
            java.nio.file.Files.readString(dir.resolve("x.pid")); // another descriptor opened and closed: a keeps its lock
            assertThat(Libc.tryLockExclusive(b)).isFalse();
            Libc.close(a);
            assertThat(Libc.tryLockExclusive(b)).isTrue();
        } finally {
            Libc.close(b);
        }
    }
}
