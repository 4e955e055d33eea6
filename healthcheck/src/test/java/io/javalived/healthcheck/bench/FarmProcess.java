package io.javalived.healthcheck.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The driver's handle on a {@link LoopbackFarmMain} child process: start, make a listener hang, stop. */
final class FarmProcess implements AutoCloseable {

    private final Process process;
    private final BufferedReader out;
    private final PrintStream in;

    private FarmProcess(Process process) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
        this.in = new PrintStream(process.getOutputStream(), true, StandardCharsets.US_ASCII);
    }

    /** Starts {@code count} listeners on port {@code port} in a JVM of their own and waits until they are open. */
    static FarmProcess start(int count, int port, List<String> jvmArgs) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmArgs);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), LoopbackFarmMain.class.getName(),
                Integer.toString(count), Integer.toString(port)));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        FarmProcess farm = new FarmProcess(p);
        String ready = farm.out.readLine();
        if (ready == null || !ready.equals("ready " + count)) {
            farm.close();
            throw new IOException("the listener process did not start: " + ready);
        }
        return farm;
    }

    long pid() {
        return process.pid();
    }

    /** Makes listener {@code i} stop answering; the monotonic time (ns) at which it did. */
    long hang(int i) throws IOException {
        in.println("hang " + i);
        String reply = out.readLine();
        String prefix = "hung " + i + " ";
        if (reply == null || !reply.startsWith(prefix)) {
            throw new IOException("listener process: " + reply);
        }
        return Long.parseLong(reply.substring(prefix.length()));
    }

    long acceptErrors() throws IOException {
        in.println("errors");
        String reply = out.readLine();
        if (reply == null || !reply.startsWith("errors ")) {
            throw new IOException("listener process: " + reply);
        }
        return Long.parseLong(reply.substring("errors ".length()));
    }

    @Override
    public void close() {
        in.println("quit");
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
