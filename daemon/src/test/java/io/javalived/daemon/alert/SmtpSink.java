package io.javalived.daemon.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.lab.LabHost;
import io.javalived.lab.LabProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real SMTP server on loopback for tests: Debian's python3-aiosmtpd ({@code /usr/bin/python3}, not a pyenv one)
 * running {@code smtp/smtp_sink.py}, which writes each mail it accepts, with the client's HELO, MAIL FROM and RCPT TO,
 * into a folder. On the host or inside a lab namespace (its own loopback). Skips the calling test when aiosmtpd is
 * missing.
 */
public final class SmtpSink implements AutoCloseable {
    static final String PYTHON = "/usr/bin/python3";
    private final Path dir;
    private final int port;
    private final Process process;
    private final LabProcess labProcess;

    /** One mail as the server got it. */
    public record Mail(String helo, String from, List<String> to, String data) {
        public String header(String name) {
            for (String line : data.split("\r\n")) {
                if (line.isEmpty()) break;
                if (line.startsWith(name + ": ")) return line.substring(name.length() + 2);
            }
            return null;
        }

        public String subject() {
            return header("Subject");
        }

        /** The text after the headers' blank line. */
        public String body() {
            int i = data.indexOf("\r\n\r\n");
            return i < 0 ? "" : data.substring(i + 4);
        }

        /** The header names in order. */
        public List<String> headerNames() {
            List<String> names = new ArrayList<>();
            for (String line : data.split("\r\n")) {
                if (line.isEmpty()) break;
                names.add(line.substring(0, line.indexOf(':')));
            }
            return names;
        }
    }

    private SmtpSink(Path dir, int port, Process process, LabProcess labProcess) {
        this.dir = dir;
        this.port = port;
        this.process = process;
        this.labProcess = labProcess;
    }

    static void assumeAvailable() {
        boolean ok;
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import aiosmtpd").redirectErrorStream(true).start();
            ok = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            ok = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ok = false;
        }
        Assumptions.assumeTrue(ok, PYTHON + " with aiosmtpd is not available (apt-get install python3-aiosmtpd)");
    }

    private static Path script(Path dir) throws IOException {
        Path script = dir.resolve("smtp_sink.py");
        try (InputStream in = SmtpSink.class.getResourceAsStream("/smtp/smtp_sink.py")) {
            Files.write(script, in.readAllBytes());
        }
        return script;
    }

    /** On the host's loopback, on a free port. */
    public static SmtpSink onHost(Path dir) throws IOException, InterruptedException {
        assumeAvailable();
        Path mails = Files.createDirectories(dir.resolve("mails"));
        int port = io.javalived.daemon.HostDaemon.freeLoopbackPort();
        Process p = new ProcessBuilder(PYTHON, script(dir).toString(), "127.0.0.1", Integer.toString(port), mails.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("smtp-sink.log").toFile()).start();
        SmtpSink sink = new SmtpSink(mails, port, p, null);
        sink.awaitReady(dir.resolve("smtp-sink.log"));
        return sink;
    }

    /** On a lab namespace's own loopback, 127.0.0.1:{@code port}. */
    public static SmtpSink in(LabHost host, Path dir, int port) throws IOException, InterruptedException {
        assumeAvailable();
        Path mails = Files.createDirectories(dir.resolve("mails-" + host.name() + "-" + port));
        LabProcess p = host.start("smtp-sink-" + port, List.of(PYTHON, script(dir).toString(), "127.0.0.1",
                Integer.toString(port), mails.toString()));
        assertThat(p.awaitOutput("ready", Duration.ofSeconds(30))).as(p::output).isTrue();
        return new SmtpSink(mails, port, null, p);
    }

    private void awaitReady(Path log) throws IOException, InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < end) {
            if (Files.readString(log).contains("ready")) return;
            if (!process.isAlive()) break;
            Thread.sleep(50);
        }
        throw new AssertionError("the SMTP sink did not start: " + Files.readString(log));
    }

    public int port() {
        return port;
    }

    /** Every mail received so far, in arrival order. */
    public List<Mail> mails() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().matches("mail-\\d+\\.txt"))
                    .sorted(Comparator.comparingInt(f -> Integer.parseInt(f.getFileName().toString().replaceAll("\\D", ""))))
                    .map(SmtpSink::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Mail read(Path f) {
        try {
            String text = Files.readString(f, StandardCharsets.UTF_8);
            int data = text.indexOf("DATA:\n");
            String helo = null;
            String from = null;
            List<String> to = new ArrayList<>();
            for (String line : text.substring(0, data).split("\n")) {
                if (line.startsWith("HELO: ")) helo = line.substring(6);
                else if (line.startsWith("MAIL FROM: ")) from = line.substring(11);
                else if (line.startsWith("RCPT TO: ")) to.add(line.substring(9));
            }
            return new Mail(helo, from, to, text.substring(data + 6));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until a mail with this subject arrived; fails with what did arrive otherwise. */
    public Mail await(String subject, Duration within) throws InterruptedException {
        long end = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < end) {
            for (Mail m : mails()) {
                if (subject.equals(m.subject())) return m;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no mail '" + subject + "' within " + within + "; arrived: "
                + mails().stream().map(Mail::subject).toList());
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
        }
        if (labProcess != null) labProcess.stop(Duration.ofSeconds(5));
    }
}
