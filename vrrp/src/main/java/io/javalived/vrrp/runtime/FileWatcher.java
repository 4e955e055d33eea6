package io.javalived.vrrp.runtime;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Follows the files instances track (track_file), as keepalived does with inotify: a file is read again once it was
 * written and closed or moved into place; a file deleted or moved away reads as empty. One watcher per platform,
 * shared by every instance.
 */
public interface FileWatcher {
    /**
     * Calls {@code changed} with the file's first bytes (empty: absent, unreadable or deleted) each time it changes,
     * on the watcher's thread, until the subscription is closed.
     *
     * @throws NetworkActionException when the file's directory cannot be watched (it does not exist)
     */
    Subscription follow(Path path, Consumer<String> changed);

    /** Whether {@code path} can be followed: its directory exists. */
    boolean canFollow(Path path);

    /** The file's first bytes now (empty: absent or unreadable). */
    String read(Path path);

    /**
     * keepalived's {@code init_file}: writes {@code value} and a newline when the file is missing, or also over an
     * existing regular file with {@code overwrite}.
     *
     * @throws NetworkActionException when it cannot be written
     */
    void initialise(Path path, int value, boolean overwrite);

    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
