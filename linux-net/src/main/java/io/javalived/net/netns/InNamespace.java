package io.javalived.net.netns;

import io.javalived.net.ffm.Libc;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs code inside a network namespace: a fresh platform thread enters the namespace (setns) and runs it;
 * sockets it opens stay in that namespace after the thread ends. The calling thread's namespace never changes.
 */
public final class InNamespace {
    private InNamespace() {}

    /**
     * Moves the calling thread into a network namespace (setns). Threads it starts afterwards are born there; threads
     * that already run stay where they are: the daemon calls this on its main thread before it opens any socket.
     *
     * @throws io.javalived.net.ffm.ErrnoException naming the call and errno (ENOENT: no such namespace; EPERM)
     */
    public static void enterOnThisThread(Path namespace) {
        int fd = Libc.open(namespace.toString(), Libc.O_RDONLY | Libc.O_CLOEXEC);
        try {
            Libc.setns(fd, Libc.CLONE_NEWNET);
        } finally {
            Libc.close(fd);
        }
    }

    /** @param namespace a namespace file such as {@code /run/netns/NAME} */
    public static <T> T call(Path namespace, Callable<T> body) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Thread t = Thread.ofPlatform().name("in-netns-" + namespace.getFileName()).unstarted(() -> {
            try {
                enterOnThisThread(namespace);
            } catch (RuntimeException e) { // the namespace is gone, or we may not enter it: the caller hears why
                failure.set(e);
                return;
            }
            try {
                result.set(body.call());
            } catch (Exception e) {
                failure.set(e);
            }
        });
        t.start();
        t.join();
        if (failure.get() != null) throw failure.get();
        return result.get();
    }
}
