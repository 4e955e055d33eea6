package io.javalived.vrrp.runtime;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;

class InMemoryFilesContractTest extends FileWatcherContract {
    final InMemoryFiles files = new InMemoryFiles();

    @BeforeEach
    void missing() {
        files.removeDirectory(dir.resolve("missing"));
    }

    @Override
    FileWatcher watcher() {
        return files;
    }

    @Override
    void write(Path file, String content) {
        files.write(file, content);
    }

    @Override
    void delete(Path file) {
        files.delete(file);
    }
}
