package io.javalived.net.sysctl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * Kernel settings under {@code /proc/sys} that have no netlink request (as {@code sysctl} reads and writes them),
 * for the network namespace of the calling process: {@code net/ipv6/conf/IF/disable_ipv6},
 * {@code net/ipv4/conf/all/rp_filter}... Keys are written with slashes, as under /proc/sys.
 */
public final class Sysctl {
    private final Path root;

    private Sysctl(Path root) {
        this.root = root;
    }

    /** The running kernel's settings. */
    public static Sysctl proc() {
        return new Sysctl(Path.of("/proc/sys"));
    }

    /** Settings under another root (tests). */
    public static Sysctl at(Path root) {
        return new Sysctl(root);
    }

    /** The integer value of a setting, empty when it does not exist or cannot be read. */
    public OptionalInt read(String key) {
        try {
            return OptionalInt.of(Integer.parseInt(Files.readString(root.resolve(key)).trim()));
        } catch (IOException | NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /**
     * Writes a setting.
     *
     * @throws IllegalStateException naming the setting when the kernel refuses it or it does not exist
     */
    public void write(String key, int value) {
        try {
            Files.writeString(root.resolve(key), Integer.toString(value));
        } catch (IOException e) {
            throw new IllegalStateException("cannot set " + key.replace('/', '.') + " to " + value + ": " + e.getMessage(), e);
        }
    }
}
