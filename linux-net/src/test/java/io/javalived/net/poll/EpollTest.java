package io.javalived.net.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalived.net.ffm.Errno;
import io.javalived.net.ffm.ErrnoException;
import io.javalived.net.socket.TcpConnectSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;

/** epoll, eventfd and the non-blocking connect socket on real descriptors and loopback listeners. */
class EpollTest {

    @Test
    void anEventFdSignalledFromAnotherThreadWakesTheWaiterWithItsToken() throws Exception {
        try (Epoll epoll = Epoll.open(4); EventFd wake = EventFd.open()) {
            epoll.add(wake.fd(), Epoll.EPOLLIN, 0x1234_5678_9abcL);
            Thread.ofPlatform().start(() -> {
                sleep(50);
                wake.signal();
            });
            long started = System.nanoTime();
            assertThat(epoll.await(5000)).isEqualTo(1);
            assertThat(System.nanoTime() - started).isLessThan(4_000_000_000L);
            assertThat(epoll.token(0)).isEqualTo(0x1234_5678_9abcL);
            assertThat(epoll.events(0) & Epoll.EPOLLIN).isNotZero();
            assertThat(wake.drain()).isEqualTo(1);
            assertThat(epoll.await(0)).isZero();
        }
    }

    @Test
    void nothingReadyIsZeroAfterTheTimeout() {
        try (Epoll epoll = Epoll.open(1); EventFd idle = EventFd.open()) {
            epoll.add(idle.fd(), Epoll.EPOLLIN, 7);
            long started = System.nanoTime();
            assertThat(epoll.await(30)).isZero();
            assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(25_000_000L);
        }
    }

    @Test
    void aConnectThatTheListenerAcceptsIsWritableWithNoError() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             Epoll epoll = Epoll.open(8);
             TcpConnectSocket socket = TcpConnectSocket.open(InetAddress.getLoopbackAddress()).resetOnClose()) {
            int errno = socket.connect((InetSocketAddress) server.getLocalSocketAddress());
            assertThat(errno).isIn(0, Errno.EINPROGRESS.number());
            epoll.add(socket.fd(), Epoll.EPOLLOUT, socket.fd());
            assertThat(epoll.await(5000)).isEqualTo(1);
            assertThat(epoll.token(0)).isEqualTo(socket.fd());
            assertThat(epoll.events(0) & Epoll.EPOLLOUT).isNotZero();
            assertThat(epoll.events(0) & (Epoll.EPOLLERR | Epoll.EPOLLHUP)).isZero();
            assertThat(socket.pendingError()).isZero();
            try (Socket peer = server.accept()) {
                assertThat(peer.getPort()).isPositive();
            }
        }
    }

    @Test
    void aRefusedConnectIsAnErrorWithEconnrefused() throws Exception {
        InetSocketAddress closed;
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = (InetSocketAddress) server.getLocalSocketAddress();
        }
        try (Epoll epoll = Epoll.open(8); TcpConnectSocket socket = TcpConnectSocket.open(closed.getAddress())) {
            int errno = socket.connect(closed);
            if (errno == Errno.EINPROGRESS.number()) {
                epoll.add(socket.fd(), Epoll.EPOLLOUT, 1);
                assertThat(epoll.await(5000)).isEqualTo(1);
                assertThat(epoll.events(0) & Epoll.EPOLLERR).isNotZero();
                errno = socket.pendingError();
            }
            assertThat(errno).isEqualTo(Errno.ECONNREFUSED.number());
        }
    }

    @Test
    void aClosedDescriptorLeavesTheInterestListByItself() {
        try (Epoll epoll = Epoll.open(2)) {
            EventFd e = EventFd.open();
            epoll.add(e.fd(), Epoll.EPOLLIN, 3);
            int fd = e.fd();
            e.signal();
            e.close();
            assertThat(epoll.await(0)).isZero();
            assertThatThrownBy(() -> epoll.delete(fd)).isInstanceOfSatisfying(ErrnoException.class,
                    x -> assertThat(x.is(Errno.EBADF) || x.is(Errno.ENOENT)).isTrue());
        }
    }

    @Test
    void errorsNameTheCallTheDescriptorAndTheErrno() throws Exception {
        try (Epoll epoll = Epoll.open(1); EventFd e = EventFd.open()) {
            epoll.add(e.fd(), Epoll.EPOLLIN, 1);
            assertThatThrownBy(() -> epoll.add(e.fd(), Epoll.EPOLLIN, 1))
                    .hasMessage("epoll_ctl(add fd " + e.fd() + "): EEXIST (File exists)");
        }
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             TcpConnectSocket socket = TcpConnectSocket.open(InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> socket.bind((InetSocketAddress) taken.getLocalSocketAddress()))
                    .isInstanceOfSatisfying(ErrnoException.class, x -> assertThat(x.is(Errno.EADDRINUSE)).isTrue())
                    .hasMessage("bind to 127.0.0.1:" + taken.getLocalPort() + ": EADDRINUSE (Address already in use)");
            assertThatThrownBy(() -> socket.connect(new InetSocketAddress(InetAddress.getByName("::1"), 80)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not of the socket's family");
        }
    }

    @Test
    void aBufferHoldsAtLeastOneEvent() {
        assertThatThrownBy(() -> Epoll.open(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
