package io.javalived.drill;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Which daemon the drill runs on lb01 and lb02: this build's javalived, or the keepalived installed here. */
public enum DrillDaemon {
    JAVALIVED,
    KEEPALIVED;

    /** Where keepalived is looked for besides PATH (it lives in sbin, often not on a user's PATH). */
    private static final List<String> SBIN = List.of("/usr/sbin", "/usr/local/sbin", "/sbin");

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static DrillDaemon parse(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "javalived" -> JAVALIVED;
            case "keepalived" -> KEEPALIVED;
            default -> throw new DrillException("--daemon must be javalived or keepalived (got '" + text + "')");
        };
    }

    /** The keepalived binary, or a clear error when it is not installed. */
    static Path keepalived() {
        return keepalived(searchPath());
    }

    static Path keepalived(List<String> dirs) {
        return findKeepalived(dirs).orElseThrow(() -> new DrillException("--daemon keepalived: keepalived is not "
                + "installed (no executable keepalived in " + String.join(":", dirs) + "); install it "
                + "(Debian: apt-get install keepalived) or drill javalived"));
    }

    /** PATH, then the sbin folders. */
    static List<String> searchPath() {
        List<String> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(":")));
        }
        dirs.addAll(SBIN);
        return dirs;
    }

    static Optional<Path> findKeepalived(List<String> dirs) {
        for (String d : dirs) {
            if (d.isEmpty()) {
                continue;
            }
            Path p = Path.of(d, "keepalived");
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * keepalived's command line for one node, as the issue asks: in the foreground, logging to the console with
     * detail, with its own pid files (three per node and start, so lb01 and lb02 never share one).
     */
    static List<String> keepalivedCommand(Path binary, Path config, Path dir, String tag, boolean ipvs) {
        List<String> cmd = new ArrayList<>(List.of(binary.toString(), "-n", "-l", "-D",
                "-f", config.toAbsolutePath().toString(),
                "-p", dir.resolve(tag + ".pid").toString(), "-r", dir.resolve(tag + "_vrrp.pid").toString(),
                "-c", dir.resolve(tag + "_checkers.pid").toString()));
        if (!ipvs) {
            cmd.add("-P");
        }
        return cmd;
    }
}
