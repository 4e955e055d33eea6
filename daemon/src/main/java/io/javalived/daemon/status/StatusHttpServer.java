package io.javalived.daemon.status;

import io.javalived.daemon.metrics.DaemonMetrics;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The status endpoint on Netty: {@code GET /status} (JSON), {@code GET /metrics} (Prometheus text),
 * {@code GET /} (an index). Read-only: every other method is refused with 405. One event-loop thread.
 *
 * <p>Bounded ({@link ConnectionLimits}): at most so many connections at once (a new one closes the one silent the
 * longest), a connection silent for the idle timeout is closed, a request line, headers or body beyond the size
 * limit is refused. A failed accept (no descriptor left) pauses accepting for a second. Network errors are logged as
 * one line, at most one per {@link #ERROR_LOG_PERIOD} per kind, with the stack trace only at DEBUG (-D).
 */
public final class StatusHttpServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StatusHttpServer.class);
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    static final java.time.Duration ERROR_LOG_PERIOD = java.time.Duration.ofSeconds(10);

    private final EventLoopGroup group;
    private final Channel channel;

    private StatusHttpServer(EventLoopGroup group, Channel channel) {
        this.group = group;
        this.channel = channel;
    }

    /** Binds and serves within {@link ConnectionLimits#forThisProcess()}; see {@link #start(InetSocketAddress, Supplier, DaemonMetrics, ConnectionLimits)}. */
    public static StatusHttpServer start(InetSocketAddress address, Supplier<DaemonStatus> status, DaemonMetrics metrics) {
        return start(address, status, metrics, ConnectionLimits.forThisProcess());
    }

    /** Binds and serves; throws {@link java.io.UncheckedIOException} naming the address when it cannot bind. */
    public static StatusHttpServer start(InetSocketAddress address, Supplier<DaemonStatus> status, DaemonMetrics metrics,
                                         ConnectionLimits limits) {
        EventLoopGroup group = new NioEventLoopGroup(1, r -> {
            Thread t = new Thread(r, "status-http");
            t.setDaemon(true);
            return t;
        });
        ConnectionGuard guard = new ConnectionGuard(limits.maxConnections());
        NetworkErrors errors = new NetworkErrors();
        try {
            Channel ch = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .handler(new AcceptErrors())
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel c) {
                            c.pipeline().addLast(guard,
                                    new IdleStateHandler(0, 0, limits.idleTimeout().toMillis(), TimeUnit.MILLISECONDS),
                                    new HttpServerCodec(4096, limits.maxRequestBytes(), limits.maxRequestBytes()),
                                    new HttpObjectAggregator(limits.maxRequestBytes()),
                                    new Handler(status, metrics, errors));
                        }
                    }).bind(address).sync().channel();
            log.info("status endpoint listening on {} (at most {} connections; one silent for {} s is closed)",
                    new StatusListen((InetSocketAddress) ch.localAddress()).baseUrl(), limits.maxConnections(),
                    limits.idleTimeout().toSeconds());
            return new StatusHttpServer(group, ch);
        } catch (Exception e) {
            group.shutdownGracefully();
            throw new java.io.UncheckedIOException("cannot listen for status on " + address.getAddress().getHostAddress()
                    + ":" + address.getPort() + ": " + e.getMessage(), new java.io.IOException(e));
        }
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    /**
     * Keeps at most {@code max} connections: each new one beyond that closes the one silent the longest (a client
     * being served has just spoken, so it is the last to go). Runs on the single event loop, so no locking.
     */
    @ChannelHandler.Sharable
    static final class ConnectionGuard extends ChannelInboundHandlerAdapter {
        private final int max;
        private final java.util.LinkedHashSet<Channel> bySilence = new java.util.LinkedHashSet<>();
        private final LogThrottle throttle = new LogThrottle(ERROR_LOG_PERIOD);

        ConnectionGuard(int max) {
            this.max = max;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            while (bySilence.size() >= max) {
                Channel oldest = bySilence.removeFirst();
                oldest.close();
                long left = throttle.admit();
                if (left >= 0) {
                    log.warn("status endpoint: {} connections open, the most it takes: closed the one silent the longest{}",
                            max, LogThrottle.more(left));
                }
            }
            bySilence.add(ctx.channel());
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (bySilence.remove(ctx.channel())) {
                bySilence.add(ctx.channel()); // spoke just now: last in line
            }
            ctx.fireChannelRead(msg);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            bySilence.remove(ctx.channel());
            ctx.fireChannelInactive();
        }
    }

    /**
     * Errors of the listening socket (accept(2) failing, e.g. EMFILE "Too many open files"): one line, then accepting
     * pauses for a second, as Netty's own acceptor would do, without its stack trace at the end of the pipeline.
     */
    private static final class AcceptErrors extends ChannelInboundHandlerAdapter {
        private final LogThrottle throttle = new LogThrottle(ERROR_LOG_PERIOD);

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            long left = throttle.admit();
            if (left >= 0) {
                log.warn("status endpoint: cannot accept a connection: {}; accepting again in 1 s{}", oneLine(cause),
                        LogThrottle.more(left));
            }
            log.debug("status endpoint accept failure", cause);
            var config = ctx.channel().config();
            if (config.isAutoRead()) {
                config.setAutoRead(false);
                ctx.channel().eventLoop().schedule(() -> config.setAutoRead(true), 1, TimeUnit.SECONDS);
            }
        }
    }

    /** Errors of the clients' connections (resets, broken pipes): one line per period, the stack trace at DEBUG. */
    static final class NetworkErrors {
        private final LogThrottle throttle = new LogThrottle(ERROR_LOG_PERIOD);

        void report(Channel ch, Throwable cause) {
            long left = throttle.admit();
            if (left >= 0) {
                log.warn("status endpoint: connection from {}: {}{}", ch.remoteAddress(), oneLine(cause), LogThrottle.more(left));
            }
            log.debug("status endpoint connection failure", cause);
        }
    }

    static String oneLine(Throwable t) {
        String m = t.getMessage();
        return (m == null || m.isBlank() ? t.getClass().getSimpleName() : m).replace('\n', ' ');
    }

    private static final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final Supplier<DaemonStatus> status;
        private final DaemonMetrics metrics;
        private final NetworkErrors errors;

        Handler(Supplier<DaemonStatus> status, DaemonMetrics metrics, NetworkErrors errors) {
            this.status = status;
            this.metrics = metrics;
            this.errors = errors;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof IdleStateEvent) {
                ctx.close(); // silent for the idle timeout
            } else {
                ctx.fireUserEventTriggered(evt);
            }
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) throws Exception {
            boolean head = req.method().equals(HttpMethod.HEAD);
            if (!req.decoderResult().isSuccess()) {
                respond(ctx, req, HttpResponseStatus.BAD_REQUEST, "text/plain; charset=utf-8", "bad request\n", false);
                return;
            }
            if (!head && !req.method().equals(HttpMethod.GET)) {
                respond(ctx, req, HttpResponseStatus.METHOD_NOT_ALLOWED, "text/plain; charset=utf-8",
                        "the status endpoint is read-only: use GET\n", false);
                return;
            }
            String path = new QueryStringDecoder(req.uri()).path();
            switch (path) {
                case "/status" -> respond(ctx, req, HttpResponseStatus.OK, "application/json",
                        StatusJsonWriter.write(status.get()) + "\n", head);
                case "/metrics" -> respond(ctx, req, HttpResponseStatus.OK, PROMETHEUS_TEXT, metrics.scrape(), head);
                case "/" -> respond(ctx, req, HttpResponseStatus.OK, "text/plain; charset=utf-8",
                        "javalived status endpoint\n  /status   JSON: VRRP instances, virtual and real servers, reloads\n"
                                + "  /metrics  Prometheus text\n", head);
                default -> respond(ctx, req, HttpResponseStatus.NOT_FOUND, "text/plain; charset=utf-8",
                        "no such page: " + path + " (try /status or /metrics)\n", head);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            errors.report(ctx.channel(), cause);
            ctx.close();
        }

        private static void respond(ChannelHandlerContext ctx, FullHttpRequest req, HttpResponseStatus code, String type,
                                    String body, boolean head) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, code,
                    head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(bytes));
            res.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
            res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
            res.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
            boolean keepAlive = HttpUtil.isKeepAlive(req);
            if (keepAlive) {
                HttpUtil.setKeepAlive(res, true);
                ctx.writeAndFlush(res);
            } else {
                ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
            }
        }
    }
}
