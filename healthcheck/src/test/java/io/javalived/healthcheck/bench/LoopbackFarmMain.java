package io.javalived.healthcheck.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * {@link LoopbackFarm} as a process of its own, so a checker in another process (keepalived, the javalived
 * daemon) can be measured against it. Usage: {@code LoopbackFarmMain COUNT PORT}. Prints {@code ready COUNT}
 * once every listener is open, then answers one line per command read from stdin:
 * <ul>
 *   <li>{@code hang I} -> {@code hung I NANOS}: listener I stops answering (see {@link LoopbackFarm#hang});
 *       NANOS is {@link System#nanoTime()} when its accept queue was full (CLOCK_MONOTONIC, comparable
 *       between processes of one machine);</li>
 *   <li>{@code errors} -> {@code errors N}: accept errors so far;</li>
 *   <li>{@code quit} (or end of input): closes every listener and exits.</li>
 * </ul>
 */
public final class LoopbackFarmMain {

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: LoopbackFarmMain COUNT PORT");
            System.exit(2);
        }
        int count = Integer.parseInt(args[0]);
        int port = Integer.parseInt(args[1]);
        try (LoopbackFarm farm = new LoopbackFarm(count, port)) {
            reply("ready " + count);
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
            for (String line; (line = in.readLine()) != null; ) {
                String[] words = line.trim().split(" ");
                switch (words[0]) {
                    case "hang" -> {
                        int i = Integer.parseInt(words[1]);
                        farm.hang(i);
                        reply("hung " + i + " " + System.nanoTime());
                    }
                    case "errors" -> reply("errors " + farm.acceptErrors);
                    case "quit" -> {
                        return;
                    }
                    default -> reply("error unknown command: " + line);
                }
            }
        }
    }

    private static void reply(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
