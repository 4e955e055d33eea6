package io.javalived.drill;

import java.nio.file.Path;

/**
 * What the anycast drill runs ({@code javalived drill --anycast N}).
 *
 * @param directors     directors behind the router's ECMP (2..8)
 * @param outDir        where the report and the SVG go
 * @param rate          client requests per second
 * @param settleSeconds steady traffic before each failure and after each recovery
 * @param timeoutMs     a client request's time limit
 * @param connections   long-lived echo connections opened before the kill (0: none)
 */
public record AnycastOptions(int directors, Path outDir, double rate, double settleSeconds, int timeoutMs,
                             int connections) {
    public AnycastOptions {
        if (directors < 2 || directors > 8) {
            throw new DrillException("--anycast must be between 2 and 8 directors (got " + directors + ")");
        }
        // the same limits as the failover drill's
        new DrillOptions(DrillMode.KILL, outDir, outDir, outDir, rate, settleSeconds, timeoutMs, connections,
                DrillDaemon.JAVALIVED);
    }
}
