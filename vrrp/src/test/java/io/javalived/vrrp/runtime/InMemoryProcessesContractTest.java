package io.javalived.vrrp.runtime;

class InMemoryProcessesContractTest extends ProcessWatcherContract {
    final InMemoryProcesses processes = new InMemoryProcesses();

    @Override
    ProcessWatcher watcher() {
        return processes;
    }

    @Override
    Object start(String arg) {
        return processes.start("sleep", arg);
    }

    @Override
    void kill(Object process) {
        processes.kill((Integer) process);
    }
}
