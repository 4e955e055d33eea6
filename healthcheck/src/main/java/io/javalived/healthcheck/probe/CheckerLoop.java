package io.javalived.healthcheck.probe;

import io.javalived.healthcheck.schedule.CheckScheduler;
import io.javalived.healthcheck.schedule.EpollLoop;
import io.javalived.healthcheck.schedule.EventLoopScheduler;
import io.javalived.scripts.ProcessScriptRunner;
import io.javalived.scripts.ScriptRunner;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.concurrent.TimeUnit;

/**
 * Where the checks run. The checks' timers and state, and every TCP_CHECK, run on one {@link EpollLoop} thread
 * ("checker": linux-net's epoll and non-blocking sockets, no Netty channel per probe); the checks that speak a
 * protocol (HTTP_GET, SSL_GET, SMTP_CHECK, UDP_CHECK, DNS_CHECK) on a Netty NIO event loop group ("checker-io", made
 * by the first such probe: a configuration of TCP_CHECKs alone never loads Netty), whose results hop to the checker
 * thread; MISC_CHECK's programs through
 * the script runner (off the loop); PING_CHECK on its ICMP sockets. Probes never block a loop thread, so a single
 * thread carries thousands of checks.
 *
 * <p>{@code -Djavalived.tcp_check=netty} brings back the previous arrangement: TCP_CHECK on Netty too, and the checks'
 * timers on the group's first event loop (no epoll loop at all).
 */
public final class CheckerLoop implements AutoCloseable {

    /** How TCP_CHECK connects. */
    public enum TcpTransport {
        /** linux-net's epoll and non-blocking sockets, on the {@link EpollLoop} that also runs the check timers. */
        EPOLL,
        /** A Netty channel per probe, the check timers on a Netty event loop. */
        NETTY;

        /** The system property {@code javalived.tcp_check} ({@code epoll}, the default, or {@code netty}). */
        public static TcpTransport configured() {
            String v = System.getProperty("javalived.tcp_check", "epoll").trim().toLowerCase(Locale.ROOT);
            return switch (v) {
                case "netty" -> NETTY;
                case "epoll", "" -> EPOLL;
                default -> throw new IllegalArgumentException("javalived.tcp_check is epoll or netty, not '" + v + "'");
            };
        }
    }

    private final int threads;
    private final Object groupLock = new Object();
    /** Made by {@link #group()} when a probe first needs it. */
    private EventLoopGroup group;
    private final EpollLoop epoll;
    private final CheckScheduler scheduler;
    private final ScriptRunner scripts;
    private final boolean ownsScripts;
    private final PingProber ping;

    /** A loop whose MISC_CHECKs run through {@code scripts} (the daemon's one runner; its owner closes it). */
    public CheckerLoop(int threads, ScriptRunner scripts) {
        this(threads, scripts, false, TcpTransport.configured());
    }

    /** A loop with a script runner of its own, closed with the loop (tests, benches). */
    public CheckerLoop(int threads) {
        this(threads, TcpTransport.configured());
    }

    /** A loop with a script runner of its own and the given TCP_CHECK transport (tests, benches). */
    public CheckerLoop(int threads, TcpTransport tcp) {
        this(threads, new ProcessScriptRunner(), true, tcp);
    }

    private CheckerLoop(int threads, ScriptRunner scripts, boolean ownsScripts, TcpTransport tcp) {
        this.threads = threads;
        this.epoll = tcp == TcpTransport.EPOLL ? new EpollLoop("checker") : null;
        this.scheduler = epoll != null ? epoll : new EventLoopScheduler(group().next());
        this.scripts = scripts;
        this.ownsScripts = ownsScripts;
        this.ping = new PingProber(this::group);
    }

    /** The Netty group the protocol checks run on, made at the first call. */
    EventLoopGroup group() {
        synchronized (groupLock) {
            if (group == null) {
                group = new NioEventLoopGroup(threads, new DefaultThreadFactory(epoll == null ? "checker" : "checker-io", true));
            }
            return group;
        }
    }

    /** Whether the Netty group has been made (a probe needed it). */
    boolean hasGroup() {
        synchronized (groupLock) {
            return group != null;
        }
    }

    /** The thread the checks' timers and state run on (and TCP_CHECK, unless it runs on Netty). */
    public CheckScheduler scheduler() {
        return scheduler;
    }

    /** A prober for every probe kind, on this loop. */
    public Prober prober() {
        Function<TcpProbe, CompletableFuture<CheckResult>> tcp = epoll != null ? new TcpProber(epoll)::probe
                : new NettyTcpProber(this::group)::probe;
        HttpProber http = new HttpProber(this::group);
        UdpProber udp = new UdpProber(this::group);
        MiscProber misc = new MiscProber(scripts);
        SmtpProber smtp = new SmtpProber(this::group);
        DnsProber dns = new DnsProber(this::group);
        return probe -> switch (probe) {
            case TcpProbe p -> tcp.apply(p);
            case HttpProbe p -> http.probe(p);
            case UdpProbe p -> udp.probe(p);
            case MiscProbe p -> misc.probe(p);
            case PingProbe p -> ping.probe(p);
            case SmtpProbe p -> smtp.probe(p);
            case DnsProbe p -> dns.probe(p);
        };
    }

    @Override
    public void close() {
        if (ownsScripts) scripts.close();
        ping.close();
        if (epoll != null) epoll.close();
        EventLoopGroup made;
        synchronized (groupLock) {
            made = group;
        }
        if (made != null) made.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
