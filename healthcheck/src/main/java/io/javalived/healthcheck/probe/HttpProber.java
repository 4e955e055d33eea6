package io.javalived.healthcheck.probe;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.net.Inet6Address;
import java.util.function.Supplier;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * HTTP_GET and SSL_GET on Netty. Sends keepalived's request shape
 * ({@code GET path HTTP/1.x}, {@code User-Agent: KeepAliveClient}, {@code Connection: close} for 1.0C
 * and 1.1, {@code Host}), reads the whole response and checks status and MD5 of the (de-chunked) body.
 * TLS trusts any certificate, as keepalived does, and sends SNI only when asked.
 */
final class HttpProber {

    /** The checkers' Netty group, made when the first probe needs it. */
    private final Supplier<EventLoopGroup> group;
    /** One client context per SSL block (a reload with other files makes a new one). */
    private final java.util.Map<TlsClient, SslContext> sslContexts = new java.util.concurrent.ConcurrentHashMap<>();

    HttpProber(Supplier<EventLoopGroup> group) {
        this.group = group;
    }

    /**
     * keepalived 2.2.7 never turns OpenSSL's peer verification on (not even with {@code ca}): any server certificate
     * is accepted; the client certificate of the SSL block is presented when the server asks for one.
     */
    private SslContext sslContext(TlsClient client) {
        return sslContexts.computeIfAbsent(client, c -> {
            try {
                SslContextBuilder b = SslContextBuilder.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE);
                c.identity().ifPresent(id -> b.keyManager(id.key(), id.chain().toArray(java.security.cert.X509Certificate[]::new)));
                return b.build();
            } catch (SSLException e) {
                throw new IllegalStateException("cannot build the TLS client context", e);
            }
        });
    }

    CompletableFuture<CheckResult> probe(HttpProbe probe) {
        CompletableFuture<CheckResult> result = new CompletableFuture<>();
        fetchFrom(probe, 0, Stopwatch.start(), result);
        return result;
    }

    /** Fetches the url blocks one after the other; the first failure ends the probe. */
    private void fetchFrom(HttpProbe probe, int index, Stopwatch watch, CompletableFuture<CheckResult> result) {
        List<HttpProbe.Url> urls = probe.urls();
        if (index == urls.size()) {
            result.complete(CheckResult.Up.after(watch.elapsed()));
            return;
        }
        fetch(probe, urls.get(index)).whenComplete((failure, error) -> {
            if (error != null) {
                result.complete(new CheckResult.Down(watch.elapsed(), new Failure.IoError(String.valueOf(error))));
            } else if (failure.isPresent()) {
                result.complete(new CheckResult.Down(watch.elapsed(), failure.get()));
            } else {
                fetchFrom(probe, index + 1, watch, result);
            }
        });
    }

    static FullHttpRequest request(HttpProbe probe, HttpProbe.Url url) {
        HttpVersion version = probe.protocol().is11() ? HttpVersion.HTTP_1_1 : HttpVersion.HTTP_1_0;
        FullHttpRequest request = new DefaultFullHttpRequest(version, HttpMethod.GET, url.path(), Unpooled.EMPTY_BUFFER);
        request.headers().add("User-Agent", "KeepAliveClient");
        if (probe.protocol().connectionClose()) {
            request.headers().add("Connection", "close");
        }
        request.headers().add("Host", url.virtualHost().orElseGet(() -> hostAndPort(probe.connection().target())));
        return request;
    }

    static String hostAndPort(InetSocketAddress target) {
        String host = target.getAddress().getHostAddress();
        if (target.getAddress() instanceof Inet6Address) {
            int zone = host.indexOf('%');
            host = "[" + (zone < 0 ? host : host.substring(0, zone)) + "]";
        }
        return host + ":" + target.getPort();
    }

    private CompletableFuture<Optional<Failure>> fetch(HttpProbe probe, HttpProbe.Url url) {
        Connection c = probe.connection();
        Fetch fetch = new Fetch(probe, url);
        Bootstrap b = new Bootstrap().group(group.get()).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, c.timeoutMillis())
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        fetch.armDeadline(ch, c.timeout().toNanos());
                        if (probe.tls()) {
                            ch.pipeline().addLast(tlsHandler(ch, probe));
                        }
                        ch.pipeline().addLast(new HttpClientCodec(), new ResponseCheck(fetch));
                    }
                });
        ChannelFuture connect = c.local().map(local -> b.connect(c.target(), local)).orElseGet(() -> b.connect(c.target()));
        connect.addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                fetch.fail(Failures.of(f.cause(), Failure.Phase.CONNECT));
            }
        });
        return fetch.done;
    }

    private SslHandler tlsHandler(Channel ch, HttpProbe probe) {
        // No peer host given: every check makes a full handshake (no session resumption hiding a dead TLS stack).
        SslHandler handler = sslContext(probe.tlsClient()).newHandler(ch.alloc());
        SSLEngine engine = handler.engine();
        SSLParameters params = engine.getSSLParameters();
        params.setServerNames(probe.sniName().map(name -> List.<javax.net.ssl.SNIServerName>of(new SNIHostName(name))).orElse(List.of()));
        engine.setSSLParameters(params);
        handler.setHandshakeTimeoutMillis(0);
        return handler;
    }

    /** One url fetch in flight: its phase, its deadline and its outcome. Touched only on the channel's loop. */
    private static final class Fetch {
        final HttpProbe probe;
        final HttpProbe.Url url;
        final CompletableFuture<Optional<Failure>> done = new CompletableFuture<>();
        Failure.Phase phase = Failure.Phase.CONNECT;
        Channel channel;
        io.netty.util.concurrent.ScheduledFuture<?> deadline;
        long deadlineNanos;

        Fetch(HttpProbe probe, HttpProbe.Url url) {
            this.probe = probe;
            this.url = url;
        }

        void armDeadline(Channel ch, long nanos) {
            channel = ch;
            deadlineNanos = System.nanoTime() + nanos;
            deadline = ch.eventLoop().schedule(() -> fail(new Failure.Timeout(phase)), nanos, TimeUnit.NANOSECONDS);
        }

        void fail(Failure failure) {
            finish(Optional.of(failure));
        }

        void succeed() {
            finish(Optional.empty());
        }

        private void finish(Optional<Failure> outcome) {
            if (done.complete(outcome)) {
                if (deadline != null) {
                    deadline.cancel(false);
                }
                if (channel != null) {
                    SslHandler tls = channel.pipeline().get(SslHandler.class);
                    if (tls != null && !url.tlsCompliant()) {
                        // keepalived's quiet SSL shutdown: no close_notify, the connection just closes
                        channel.pipeline().remove(tls);
                    }
                    channel.close();
                }
            }
        }
    }

    /** Checks the response as it streams in: status first, then the MD5 of the body. */
    private static final class ResponseCheck extends SimpleChannelInboundHandler<HttpObject> {
        private final Fetch fetch;
        private final MessageDigest md5;
        private final java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        private boolean statusSeen;

        ResponseCheck(Fetch fetch) {
            this.fetch = fetch;
            try {
                this.md5 = MessageDigest.getInstance("MD5");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JDK has no MD5", e);
            }
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            if (fetch.probe.tls()) {
                fetch.phase = Failure.Phase.TLS_HANDSHAKE;
            } else {
                sendRequest(ctx);
            }
            ctx.fireChannelActive();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof SslHandshakeCompletionEvent handshake) {
                if (handshake.isSuccess()) {
                    sendRequest(ctx);
                } else {
                    fetch.fail(Failures.of(handshake.cause(), Failure.Phase.TLS_HANDSHAKE));
                }
            }
            ctx.fireUserEventTriggered(event);
        }

        private void sendRequest(ChannelHandlerContext ctx) {
            fetch.phase = Failure.Phase.RESPONSE;
            ctx.writeAndFlush(request(fetch.probe, fetch.url)).addListener(f -> {
                if (!f.isSuccess()) {
                    fetch.fail(Failures.of(f.cause(), Failure.Phase.RESPONSE));
                }
            });
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
            if (fetch.done.isDone()) {
                return;
            }
            if (msg.decoderResult().isFailure()) {
                fetch.fail(new Failure.BadReply("malformed HTTP response: " + msg.decoderResult().cause().getMessage()));
                return;
            }
            if (msg instanceof HttpResponse response) {
                statusSeen = true;
                int status = response.status().code();
                if (!fetch.url.statusCodes().contains(status)) {
                    fetch.fail(new Failure.BadStatus(fetch.url.path(), status, fetch.url.statusCodes()));
                    return;
                }
            }
            if (msg instanceof HttpContent content) {
                md5.update(content.content().nioBuffer());
                if (fetch.url.regex().isPresent()) {
                    keep(content);
                }
            }
            if (msg instanceof LastHttpContent) {
                String actual = HexFormat.of().formatHex(md5.digest());
                Optional<String> expected = fetch.url.digest();
                if (expected.isPresent() && !expected.get().equals(actual)) {
                    fetch.fail(new Failure.DigestMismatch(fetch.url.path(), expected.get(), actual));
                } else {
                    fetch.url.regex().ifPresentOrElse(this::checkRegex, fetch::succeed);
                }
            }
        }

        /** Keeps the body for the regex, up to {@link BodyRegex#MAX_SUBJECT} bytes. */
        private void keep(HttpContent content) {
            int room = BodyRegex.MAX_SUBJECT - body.size();
            int n = Math.min(room, content.content().readableBytes());
            if (n > 0) {
                byte[] bytes = new byte[n];
                content.content().getBytes(content.content().readerIndex(), bytes);
                body.write(bytes, 0, n);
            }
        }

        private void checkRegex(BodyRegex regex) {
            try {
                byte[] bytes = body.toByteArray();
                if (regex.passes(bytes, bytes.length, fetch.deadlineNanos)) {
                    fetch.succeed();
                } else {
                    fetch.fail(new Failure.RegexMismatch(fetch.url.path(), regex.pattern(), regex.noMatch()));
                }
            } catch (BodyRegex.RegexTimeout e) {
                fetch.fail(new Failure.Timeout(Failure.Phase.RESPONSE));
            } catch (BodyRegex.RegexTooDeep e) {
                fetch.fail(new Failure.BadReply(e.getMessage() + " (" + fetch.url.path() + ")"));
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            fetch.fail(new Failure.IoError(statusSeen ? "connection closed before the response ended"
                    : "connection closed without a response"));
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            fetch.fail(Failures.of(cause, fetch.phase));
        }
    }
}
