package io.javalived.healthcheck.schedule;

import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** {@link CheckScheduler} on one Netty event loop thread. */
public final class EventLoopScheduler implements CheckScheduler {

    private final EventLoop loop;
    private final long origin = System.nanoTime();

    public EventLoopScheduler(EventLoop loop) {
        this.loop = loop;
    }

    @Override
    public Duration now() {
        return Duration.ofNanos(System.nanoTime() - origin);
    }

    @Override
    public Duration at(long nanoTime) {
        return Duration.ofNanos(nanoTime - origin);
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        var future = loop.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    @Override
    public void execute(Runnable task) {
        if (loop.inEventLoop()) {
            task.run();
        } else {
            loop.execute(task);
        }
    }
}
