package io.javalived.drill;

import java.nio.file.Path;

/**
 * What to drill.
 *
 * @param mode          kill -9 or graceful stop of the master
 * @param masterConfig  lb01's keepalived.conf (the master, priority 100 in the seed)
 * @param backupConfig  lb02's keepalived.conf
 * @param outDir        where the report and the SVG go
 * @param rate          client requests per second
 * @param settleSeconds steady traffic before the signal, after the takeover and after the preemption
 * @param timeoutMs     a client request's time limit (connect and answer)
 */
public record DrillOptions(DrillMode mode, Path masterConfig, Path backupConfig, Path outDir, double rate,
                           double settleSeconds, int timeoutMs) {
    public DrillOptions {
        if (!(rate > 0 && rate <= 500)) {
            throw new DrillException("--rate must be between 0 and 500 requests per second (got " + rate + ")");
        }
        if (!(settleSeconds >= 0.5 && settleSeconds <= 120)) {
            throw new DrillException("--settle must be between 0.5 and 120 seconds (got " + settleSeconds + ")");
        }
        if (timeoutMs < 50 || timeoutMs > 30_000) {
            throw new DrillException("--timeout must be between 50 and 30000 ms (got " + timeoutMs + ")");
        }
    }
}
