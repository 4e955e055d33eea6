package io.javalived.daemon;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** javalived's version, as the build wrote it (daemon/pom.xml filters {@code version.properties}). */
public final class Version implements CommandLine.IVersionProvider {
    private static final String VERSION = load();

    /** The build's version, e.g. {@code 0.1.0-SNAPSHOT}; "unknown" when the resource is missing (never in a build). */
    public static String current() {
        return VERSION;
    }

    /** What {@code -v/--version} prints. */
    @Override
    public String[] getVersion() {
        return new String[]{"javalived " + VERSION + " (keepalived 2.2.7 compatible configuration)"};
    }

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in == null) return "unknown";
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "unknown");
            return v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
