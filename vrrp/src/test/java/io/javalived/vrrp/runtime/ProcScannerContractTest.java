package io.javalived.vrrp.runtime;

import org.junit.jupiter.api.AfterEach;

class ProcScannerContractTest extends ProcessWatcherContract {
    final ProcScanner scanner = new ProcScanner();

    @AfterEach
    void close() {
        scanner.close();
    }

    @Override
    ProcessWatcher watcher() {
        return scanner;
    }

    @Override
    Object start(String arg) throws Exception {
        return new ProcessBuilder("sleep", arg).start();
    }

    @Override
    void kill(Object process) throws Exception {
        ((Process) process).destroyForcibly().waitFor();
    }
}
