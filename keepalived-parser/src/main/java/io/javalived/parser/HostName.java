package io.javalived.parser;

import java.nio.file.Files;
import java.nio.file.Path;

/** The host name as keepalived sees it (uname's nodename), read without a DNS lookup. */
final class HostName {
    private HostName() {}

    static String current() {
        try {
            String name = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (Exception ignored) {
            // fall through to the environment
        }
        String env = System.getenv("HOSTNAME");
        return env == null || env.isBlank() ? "localhost" : env.trim();
    }

    static String shortName(String host) {
        int dot = host.indexOf('.');
        return dot < 0 ? host : host.substring(0, dot);
    }
}
