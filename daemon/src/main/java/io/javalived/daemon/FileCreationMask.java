package io.javalived.daemon;

import io.javalived.net.file.Umask;
import io.javalived.parser.model.FileModeMask;
import io.javalived.parser.model.KeepalivedConfig;
import io.javalived.parser.model.RawValue;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * keepalived's {@code -u/--umask NUMBER} and global_defs {@code umask}: the file mode creation mask of the whole
 * process (pid files, FIFOs, dumps, and the scripts it starts inherit it), set at start and at reload. The command
 * line wins over the file ("umask command line option specified, ignoring config option"); a bad command-line value
 * is reported and the file's is used. Without either, javalived keeps the mask it was started with (systemd's 0022),
 * where keepalived sets 0177: its pid files and dumps are readable by their owner only.
 */
public final class FileCreationMask {
    private FileCreationMask() {}

    /** Applies the mask the command line or {@code config} asks for, if any; returns the one applied. */
    public static Optional<FileModeMask> apply(String commandLine, KeepalivedConfig config, Logger log) {
        Optional<FileModeMask> fromFile = config.globalDefs().other().stream()
                .filter(v -> v.keyword().equals("umask")).reduce((a, b) -> b)
                .map(RawValue::args).flatMap(a -> FileModeMask.parseKeyword(a, m -> { }));
        if (commandLine != null) {
            Optional<FileModeMask> m = FileModeMask.number(commandLine);
            if (m.isEmpty()) {
                log.error("Invalid --umask option {}", commandLine);
            } else {
                if (fromFile.isPresent()) log.info("umask command line option specified, ignoring config option");
                return set(m.get(), log);
            }
        }
        return fromFile.flatMap(m -> set(m, log));
    }

    private static Optional<FileModeMask> set(FileModeMask m, Logger log) {
        int before = Umask.set(m.bits());
        if (before != m.bits()) log.info("umask {} (was {})", m, new FileModeMask(before));
        return Optional.of(m);
    }

    /** The process's mask now (0022 when it cannot be read). */
    public static int current() {
        try {
            return Umask.current();
        } catch (IllegalStateException e) {
            return 022;
        }
    }
}
