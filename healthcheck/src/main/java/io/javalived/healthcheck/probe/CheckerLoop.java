package io.javalived.healthcheck.probe;

import io.javalived.scripts.ProcessScriptRunner;
import io.javalived.scripts.ScriptRunner;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The one event loop group every network check runs on (NIO transport), the script runner MISC_CHECK starts its
 * programs through (it starts them off the loop), and the ICMP sockets of PING_CHECK. Probes never block a loop
 * thread, so a single thread carries thousands of checks.
 */
public final class CheckerLoop implements AutoCloseable {

    private final EventLoopGroup group;
    private final ScriptRunner scripts;
    private final boolean ownsScripts;
    private final PingProber ping;

    /** A loop whose MISC_CHECKs run through {@code scripts} (the daemon's one runner; its owner closes it). */
    public CheckerLoop(int threads, ScriptRunner scripts) {
        this(threads, scripts, false);
    }

    /** A loop with a script runner of its own, closed with the loop (tests, benches). */
    public CheckerLoop(int threads) {
        this(threads, new ProcessScriptRunner(), true);
    }

    private CheckerLoop(int threads, ScriptRunner scripts, boolean ownsScripts) {
        this.group = new NioEventLoopGroup(threads, new DefaultThreadFactory("checker", true));
        this.scripts = scripts;
        this.ownsScripts = ownsScripts;
        this.ping = new PingProber(group);
    }

    public EventLoopGroup group() {
        return group;
    }

    /** A prober for every probe kind, on this loop. */
    public Prober prober() {
        TcpProber tcp = new TcpProber(group);
        HttpProber http = new HttpProber(group);
        UdpProber udp = new UdpProber(group);
        MiscProber misc = new MiscProber(scripts);
        SmtpProber smtp = new SmtpProber(group);
        DnsProber dns = new DnsProber(group);
        return probe -> switch (probe) {
            case TcpProbe p -> tcp.probe(p);
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
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
