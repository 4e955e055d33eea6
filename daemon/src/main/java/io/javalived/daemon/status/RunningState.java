package io.javalived.daemon.status;

import io.javalived.daemon.reload.ConfigSnapshot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;

/**
 * What a running daemon tells the command line about itself, in its state file ({@code /run/javalived/state.json}
 * by default, {@code --state-file} to change it): its pid, the configuration file and config id it loaded,
 * when, where its status endpoint listens, and the {@link ConfigSnapshot} of the configuration it runs.
 * {@code javalived reload --plan} compares a new file against that snapshot (so editing the file in place
 * before planning works), {@code javalived status} finds the endpoint through it. Written at start and after
 * every applied reload, atomically; removed at stop.
 */
public record RunningState(long pid, String configFile, Optional<String> configId, Instant loadedAt,
                           Optional<String> statusListen, ConfigSnapshot config) {

    public static final Path DEFAULT_FILE = Path.of("/run/javalived/state.json");

    /**
     * The state file of a daemon: {@code --state-file} when given; else beside a non-default {@code -p} pid
     * file ({@code /tmp/lab/lb01.pid} gives {@code /tmp/lab/lb01.state.json}), so two daemons on one host never
     * share one; else {@link #DEFAULT_FILE}.
     */
    public static Path fileFor(Path stateFile, Path pidFile) {
        if (stateFile != null) {
            return stateFile;
        }
        if (pidFile != null) {
            String name = pidFile.getFileName().toString();
            String base = name.endsWith(".pid") ? name.substring(0, name.length() - 4) : name;
            return pidFile.resolveSibling(base + ".state.json");
        }
        return DEFAULT_FILE;
    }

    public void write(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".state", ".tmp");
        try {
            Files.writeString(tmp, StatusJsonWriter.write(this));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Reads a state file; empty when there is none or its process is gone (a stale file after a crash).
     * A file that cannot be read as a state is an error naming the file.
     */
    public static Optional<RunningState> read(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        RunningState s = StatusJson.readState(file, text); // databind: the command line's, never the daemon's
        return ProcessHandle.of(s.pid()).filter(ProcessHandle::isAlive).isPresent() ? Optional.of(s) : Optional.empty();
    }
}
