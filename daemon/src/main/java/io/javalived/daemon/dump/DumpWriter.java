package io.javalived.daemon.dump;

import io.javalived.daemon.status.DaemonStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Supplier;

/**
 * Writes the three dumps from the daemon's current status. Each file is written beside its target and moved
 * into place, so a reader never sees half a dump. A failure is logged with the path and never stops the
 * daemon.
 */
public final class DumpWriter {
    private static final Logger log = LoggerFactory.getLogger(DumpWriter.class);

    /** Which dump. */
    public enum Kind { DATA, STATS, JSON }

    private final Supplier<DaemonStatus> status;
    private volatile DumpPaths paths;

    public DumpWriter(Supplier<DaemonStatus> status, DumpPaths paths) {
        this.status = status;
        this.paths = paths;
    }

    /** After a reload changed {@code *_dump_file}. */
    public void setPaths(DumpPaths paths) {
        this.paths = paths;
    }

    /** Writes one dump; returns the file, or null when it could not be written (logged). */
    public Path write(Kind kind) {
        DumpPaths p = paths;
        DaemonStatus s = status.get();
        Path target = switch (kind) {
            case DATA -> p.data();
            case STATS -> p.stats();
            case JSON -> p.json();
        };
        String text = switch (kind) {
            case DATA -> StateDump.render(s);
            case STATS -> StatsDump.render(s);
            case JSON -> JsonDump.render(s, p.jsonVersion());
        };
        try {
            Path dir = target.toAbsolutePath().getParent();
            Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
            try {
                Files.writeString(tmp, text, StandardCharsets.UTF_8);
                // rw-r--r-- under the usual umask, readable by the exporters that poll it; a umask set in the
                // configuration (umask 0077) or with -u takes bits away, as keepalived's fchmod(0666 & ~umask) does.
                Files.setPosixFilePermissions(tmp, permissions(0644 & ~io.javalived.daemon.FileCreationMask.current()));
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
            log.info("wrote the {} dump to {}", kind.name().toLowerCase(java.util.Locale.ROOT), target);
            return target;
        } catch (IOException | RuntimeException e) {
            log.error("cannot write the {} dump to {}: {}", kind.name().toLowerCase(java.util.Locale.ROOT), target, e.toString());
            return null;
        }
    }

    private static java.util.Set<java.nio.file.attribute.PosixFilePermission> permissions(int mode) {
        var all = java.nio.file.attribute.PosixFilePermission.values(); // OWNER_READ .. OTHERS_EXECUTE, 0400 .. 01
        var set = java.util.EnumSet.noneOf(java.nio.file.attribute.PosixFilePermission.class);
        for (int i = 0; i < all.length; i++) {
            if ((mode & (0400 >> i)) != 0) set.add(all[i]);
        }
        return set;
    }
}
