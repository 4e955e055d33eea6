package io.javalived.healthcheck.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * N TCP listeners on distinct loopback addresses (127.77.x.y), served by one selector thread that
 * accepts and closes every connection. {@link #hang} makes one stop answering like a wedged server:
 * it re-listens with backlog 1, stops accepting and its accept queue is filled, so the kernel drops new SYNs (connects time out).
 */
final class LoopbackFarm implements AutoCloseable {

    final List<InetSocketAddress> addresses = new ArrayList<>();
    private final List<ServerSocketChannel> servers = new ArrayList<>();
    private final List<SocketChannel> fillers = new ArrayList<>();
    private final ConcurrentLinkedQueue<Runnable> commands = new ConcurrentLinkedQueue<>();
    private final Selector selector;
    final Thread thread;
    private volatile boolean running = true;
    volatile long acceptErrors;

    LoopbackFarm(int count, int port) throws IOException {
        selector = Selector.open();
        for (int i = 0; i < count; i++) {
            InetSocketAddress address = new InetSocketAddress(address(i), port);
            ServerSocketChannel server = ServerSocketChannel.open();
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(address, 512);
            server.configureBlocking(false);
            server.register(selector, SelectionKey.OP_ACCEPT, i);
            servers.add(server);
            addresses.add(address);
        }
        thread = Thread.ofPlatform().name("farm").daemon().start(this::serve);
    }

    /** The loopback address of listener {@code i}: 127.77.(i / 250).(i % 250 + 1), for up to 62,500 listeners. */
    static InetAddress address(int i) {
        if (i < 0 || i >= 250 * 256) {
            throw new IllegalArgumentException("listener index out of range: " + i);
        }
        try {
            return InetAddress.getByAddress(new byte[] {127, 77, (byte) (i / 250), (byte) (i % 250 + 1)});
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e); // four bytes are always an address
        }
    }

    private void serve() {
        while (running) {
            try {
                selector.select(100);
                for (Runnable r; (r = commands.poll()) != null; ) {
                    r.run();
                }
                var it = selector.selectedKeys().iterator();
                while (it.hasNext()) {
                    SelectionKey key = it.next();
                    it.remove();
                    if (!key.isValid()) {
                        continue;
                    }
                    ServerSocketChannel server = (ServerSocketChannel) key.channel();
                    try {
                        for (SocketChannel c; (c = server.accept()) != null; ) {
                            c.close();
                        }
                    } catch (IOException e) {
                        acceptErrors++; // EMFILE and the like: try again on the next wakeup
                    }
                }
            } catch (IOException e) {
                if (running) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    /** Makes listener {@code i} stop answering; returns when its accept queue is full. */
    void hang(int i) throws Exception {
        var done = new java.util.concurrent.CompletableFuture<Void>();
        commands.add(() -> {
            try {
                // Re-listen with the smallest backlog (1: the queue holds 2), stop accepting, and fill the accept queue.
                servers.get(i).close();
                selector.selectNow();
                ServerSocketChannel wedged = ServerSocketChannel.open();
                wedged.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                wedged.bind(addresses.get(i), 1); // 0 would mean "the default" (50) to Java
                servers.set(i, wedged);
                for (int k = 0; k < 3; k++) {
                    SocketChannel c = SocketChannel.open();
                    c.configureBlocking(false);
                    c.connect(addresses.get(i));
                    fillers.add(c);
                }
                done.complete(null);
            } catch (IOException e) {
                done.completeExceptionally(e);
            }
        });
        selector.wakeup();
        done.get();
    }

    @Override
    public void close() throws IOException {
        running = false;
        selector.wakeup();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (SocketChannel c : fillers) {
            c.close();
        }
        for (ServerSocketChannel s : servers) {
            s.close();
        }
        selector.close();
    }
}
