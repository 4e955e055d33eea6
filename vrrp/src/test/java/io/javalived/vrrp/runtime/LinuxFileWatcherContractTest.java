package io.javalived.vrrp.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;

class LinuxFileWatcherContractTest extends FileWatcherContract {
    final LinuxFileWatcher watcher = new LinuxFileWatcher();

    @AfterEach
    void close() {
        watcher.close();
    }

    @Override
    FileWatcher watcher() {
        return watcher;
    }

    @Override
    void write(Path file, String content) throws Exception {
        Files.writeString(file, content);
    }

    @Override
    void delete(Path file) throws Exception {
        Files.delete(file);
    }
}
