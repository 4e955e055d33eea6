package io.javalived.healthcheck.probe;

import io.javalived.healthcheck.schedule.CheckScheduler;
import io.javalived.healthcheck.schedule.EpollLoop;
import io.javalived.net.ffm.Errno;
import io.javalived.net.ffm.ErrnoException;
import io.javalived.net.ffm.Libc;
import io.javalived.net.poll.Epoll;
import io.javalived.net.socket.TcpConnectSocket;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * TCP_CHECK on linux-net's non-blocking sockets and the checkers' {@link EpollLoop}: per probe socket, SO_LINGER 0,
 * bind (only with bindto/bind_port), connect, epoll_ctl ADD for EPOLLOUT, then (the loop's one epoll_wait serves every
 * probe) SO_ERROR only when epoll reports an error, and close: five system calls for a server that accepts, six for one
 * that refuses. connect_timeout is a timer on the same loop. The close is abortive (SO_LINGER 0, a reset, as HAProxy's
 * checks do): no TIME_WAIT piles up on the director at thousands of checks a second, and the kernel skips the FIN
 * exchange. Results are completed on the loop's thread, the thread the checks' state runs on, so no probe wakes
 * another thread. Failures read as {@link NettyTcpProber}'s ({@link Failures#ofConnectErrno}).
 */
final class TcpProber {

    private final EpollLoop loop;

    TcpProber(EpollLoop loop) {
        this.loop = loop;
    }

    CompletableFuture<CheckResult> probe(TcpProbe probe) {
        CompletableFuture<CheckResult> result = new CompletableFuture<>();
        Stopwatch watch = Stopwatch.start();
        if (loop.inLoop()) {
            start(probe.connection(), watch, result);
        } else {
            loop.execute(() -> start(probe.connection(), watch, result));
        }
        return result;
    }

    private void start(Connection c, Stopwatch watch, CompletableFuture<CheckResult> result) {
        TcpConnectSocket socket;
        try {
            socket = TcpConnectSocket.open(c.target().getAddress());
        } catch (ErrnoException e) {
            result.complete(new CheckResult.Down(watch.elapsed(), new Failure.IoError(Libc.strerror(e.errno()))));
            return;
        }
        int errno;
        try {
            socket.resetOnClose();
            Optional<InetSocketAddress> local = c.local();
            if (local.isPresent()) {
                socket.bind(local.get());
            }
            errno = socket.connect(c.target());
        } catch (ErrnoException e) {
            socket.close();
            result.complete(new CheckResult.Down(watch.elapsed(), new Failure.IoError("cannot bind the local address: " + Libc.strerror(e.errno()))));
            return;
        } catch (IllegalArgumentException e) {
            socket.close();
            result.complete(new CheckResult.Down(watch.elapsed(), new Failure.IoError("cannot bind the local address: " + e.getMessage())));
            return;
        }
        if (errno == Errno.EINPROGRESS.number()) {
            new Handshake(socket, c, watch, result).await();
            return;
        }
        socket.close();
        result.complete(errno == 0 ? CheckResult.Up.after(watch.elapsed())
                : new CheckResult.Down(watch.elapsed(), Failures.ofConnectErrno(errno, c.target())));
    }

    /** A connect under way: the first of readiness and connect_timeout ends it. */
    private final class Handshake implements EpollLoop.Watcher, Runnable {
        private final TcpConnectSocket socket;
        private final Connection connection;
        private final Stopwatch watch;
        private final CompletableFuture<CheckResult> result;
        private CheckScheduler.Cancellable timeout;

        Handshake(TcpConnectSocket socket, Connection connection, Stopwatch watch, CompletableFuture<CheckResult> result) {
            this.socket = socket;
            this.connection = connection;
            this.watch = watch;
            this.result = result;
        }

        void await() {
            loop.watch(socket.fd(), Epoll.EPOLLOUT, this);
            timeout = loop.scheduleDeadline(watch.startNanos(), connection.timeout(), this);
        }

        @Override
        public void ready(int events) {
            timeout.cancel();
            loop.forget(socket.fd());
            int errno = (events & (Epoll.EPOLLERR | Epoll.EPOLLHUP)) != 0 ? socket.pendingError() : 0;
            CheckResult r = errno == 0 ? CheckResult.Up.after(watch.elapsed())
                    : new CheckResult.Down(watch.elapsed(), Failures.ofConnectErrno(errno, connection.target()));
            socket.close();
            result.complete(r);
        }

        /** connect_timeout ran out. */
        @Override
        public void run() {
            loop.forget(socket.fd());
            socket.close();
            result.complete(new CheckResult.Down(watch.elapsed(), new Failure.Timeout(Failure.Phase.CONNECT)));
        }

        @Override
        public void abandoned() {
            timeout.cancel();
            socket.close();
            result.complete(new CheckResult.Down(watch.elapsed(), new Failure.IoError("the checkers stopped")));
        }
    }
}
