package io.javalived.healthcheck.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The kernel's IPVS table as the real {@code ipvsadm -Ln} lists it: the real servers (address:port) it holds. */
final class KernelTable {

    private static final Pattern DESTINATION = Pattern.compile("(?m)^\\s*->\\s+(\\d+\\.\\d+\\.\\d+\\.\\d+:\\d+)\\s");

    private KernelTable() {
    }

    /** Every real server of every service, as "address:port" (one entry per listing line). */
    static Set<String> realServers() throws IOException, InterruptedException {
        String listing = run("ipvsadm", "-Ln");
        Set<String> servers = new HashSet<>();
        Matcher m = DESTINATION.matcher(listing);
        while (m.find()) {
            servers.add(m.group(1));
        }
        return servers;
    }

    /** Empties the table (between runs; both daemons remove what they installed at SIGTERM anyway). */
    static void clear() throws IOException, InterruptedException {
        run("ipvsadm", "-C");
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " failed: " + new String(out, StandardCharsets.UTF_8));
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
