package io.javalived.healthcheck.probe;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The one event loop group every network check runs on (NIO transport), plus a virtual-thread executor
 * for starting MISC_CHECK processes (fork/exec must not stall the loop), and the ICMP sockets of PING_CHECK. Probes never block a loop
 * thread, so a single thread carries thousands of checks.
 */
public final class CheckerLoop implements AutoCloseable {

    private final EventLoopGroup group;
    private final ExecutorService processStarter;
    private final PingProber ping;

    public CheckerLoop(int threads) {
        this.group = new NioEventLoopGroup(threads, new DefaultThreadFactory("checker", true));
        this.processStarter = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("misc-check-", 0).factory());
        this.ping = new PingProber(group);
    }

    public EventLoopGroup group() {
        return group;
    }

    ExecutorService processStarter() {
        return processStarter;
    }

    /** A prober for every probe kind, on this loop. */
    public Prober prober() {
        TcpProber tcp = new TcpProber(group);
        HttpProber http = new HttpProber(group);
        UdpProber udp = new UdpProber(group);
        MiscProber misc = new MiscProber(group, processStarter);
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
        processStarter.shutdownNow();
        ping.close();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
