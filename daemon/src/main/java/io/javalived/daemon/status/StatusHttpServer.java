package io.javalived.daemon.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalived.daemon.metrics.DaemonMetrics;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * The status endpoint on Netty: {@code GET /status} (JSON), {@code GET /metrics} (Prometheus text),
 * {@code GET /} (an index). Read-only: every other method is refused with 405. One event-loop thread.
 */
public final class StatusHttpServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StatusHttpServer.class);
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final EventLoopGroup group;
    private final Channel channel;

    private StatusHttpServer(EventLoopGroup group, Channel channel) {
        this.group = group;
        this.channel = channel;
    }

    /** Binds and serves; throws {@link java.io.UncheckedIOException} naming the address when it cannot bind. */
    public static StatusHttpServer start(InetSocketAddress address, Supplier<DaemonStatus> status, DaemonMetrics metrics) {
        EventLoopGroup group = new NioEventLoopGroup(1, r -> {
            Thread t = new Thread(r, "status-http");
            t.setDaemon(true);
            return t;
        });
        ObjectMapper json = StatusJson.mapper();
        try {
            Channel ch = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel c) {
                            c.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(8192),
                                    new Handler(status, metrics, json));
                        }
                    }).bind(address).sync().channel();
            log.info("status endpoint listening on {}", new StatusListen((InetSocketAddress) ch.localAddress()).baseUrl());
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

    private static final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final Supplier<DaemonStatus> status;
        private final DaemonMetrics metrics;
        private final ObjectMapper json;

        Handler(Supplier<DaemonStatus> status, DaemonMetrics metrics, ObjectMapper json) {
            this.status = status;
            this.metrics = metrics;
            this.json = json;
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
                        json.writeValueAsString(status.get()) + "\n", head);
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
            log.warn("status endpoint: {}", cause.toString());
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
