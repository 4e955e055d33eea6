package io.javalived.healthcheck.probe;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
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
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.TooLongFrameException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * SMTP_CHECK on Netty, keepalived's dialogue: read the greeting (220), send {@code HELO name} (250), send
 * {@code QUIT} and wait for its answer. Every step has connect_timeout to complete, as keepalived arms each read
 * and write with it. Replies are read to their last line (see {@link SmtpReply}).
 */
final class SmtpProber {
    private static final int MAX_LINE = 1024;

    /** The checkers' Netty group, made when the first probe needs it. */
    private final Supplier<EventLoopGroup> group;

    SmtpProber(Supplier<EventLoopGroup> group) {
        this.group = group;
    }

    CompletableFuture<CheckResult> probe(SmtpProbe probe) {
        Connection c = probe.connection();
        Dialogue d = new Dialogue(probe, Stopwatch.start());
        Bootstrap b = new Bootstrap().group(group.get()).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, c.timeoutMillis())
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        d.channel = ch;
                        ch.pipeline().addLast(new LineBasedFrameDecoder(MAX_LINE), d);
                    }
                });
        ChannelFuture connect = c.local().map(local -> b.connect(c.target(), local)).orElseGet(() -> b.connect(c.target()));
        connect.addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                d.finish(Optional.of(Failures.of(f.cause(), Failure.Phase.CONNECT)));
            }
        });
        return d.result;
    }

    private enum Step {
        GREETING(220, "greeting"), HELO(250, "answer to HELO"), QUIT(-1, "answer to QUIT");

        final int expected;
        final String what;

        Step(int expected, String what) {
            this.expected = expected;
            this.what = what;
        }
    }

    /** One probe's dialogue; touched only on its channel's loop. */
    private static final class Dialogue extends SimpleChannelInboundHandler<ByteBuf> {
        final SmtpProbe probe;
        final Stopwatch watch;
        final CompletableFuture<CheckResult> result = new CompletableFuture<>();
        Channel channel;
        Step step;
        io.netty.util.concurrent.ScheduledFuture<?> deadline;

        Dialogue(SmtpProbe probe, Stopwatch watch) {
            this.probe = probe;
            this.watch = watch;
            this.step = Step.GREETING;
        }

        void step(Step next) {
            step = next;
            if (deadline != null) deadline.cancel(false);
            deadline = channel.eventLoop().schedule(() -> finish(Optional.of(new Failure.Timeout(Failure.Phase.REPLY))),
                    probe.connection().timeout().toNanos(), TimeUnit.NANOSECONDS);
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            step(Step.GREETING); // here, not in the connect listener: the greeting may be read before that runs
            ctx.fireChannelActive();
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
            if (result.isDone()) return;
            String line = frame.toString(StandardCharsets.US_ASCII);
            if (line.endsWith("\r")) line = line.substring(0, line.length() - 1);
            if (step == Step.QUIT) { // keepalived takes any line as the answer to QUIT
                finish(Optional.empty());
                return;
            }
            Optional<SmtpReply> reply = SmtpReply.parse(line);
            if (reply.isEmpty()) {
                finish(Optional.of(new Failure.BadReply("SMTP " + step.what + " '" + printable(line) + "' has no reply code")));
                return;
            }
            if (!reply.get().last()) return; // a continuation line: the code that counts is on the last one
            if (reply.get().code() != step.expected) {
                finish(Optional.of(new Failure.BadReply("SMTP " + step.what + " is " + reply.get().code() + " '"
                        + printable(reply.get().text()) + "', expected " + step.expected)));
                return;
            }
            if (step == Step.GREETING) {
                send(ctx, "HELO " + probe.heloName(), Step.HELO);
            } else {
                send(ctx, "QUIT", Step.QUIT);
            }
        }

        private void send(ChannelHandlerContext ctx, String command, Step next) {
            step(next);
            ctx.writeAndFlush(Unpooled.copiedBuffer(command + "\r\n", StandardCharsets.US_ASCII)).addListener(w -> {
                if (!w.isSuccess()) finish(Optional.of(Failures.of(w.cause(), Failure.Phase.REPLY)));
            });
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            finish(Optional.of(new Failure.IoError("SMTP server closed the connection before its " + (step == null ? "greeting" : step.what))));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            finish(Optional.of(cause instanceof TooLongFrameException
                    ? new Failure.BadReply("SMTP line longer than " + MAX_LINE + " bytes")
                    : Failures.of(cause, Failure.Phase.REPLY)));
        }

        void finish(Optional<Failure> failure) {
            CheckResult r = failure.<CheckResult>map(f -> new CheckResult.Down(watch.elapsed(), f))
                    .orElseGet(() -> CheckResult.Up.after(watch.elapsed()));
            if (result.complete(r)) {
                if (deadline != null) deadline.cancel(false);
                if (channel != null) channel.close();
            }
        }

        private static String printable(String s) {
            String t = s.length() > 80 ? s.substring(0, 80) + "..." : s;
            return t.replaceAll("[^\\x20-\\x7e]", "?");
        }
    }
}
