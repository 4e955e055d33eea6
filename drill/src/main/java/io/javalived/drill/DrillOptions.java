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
 * @param connections   long-lived echo connections opened before the failure (0: none)
 * @param daemon        the daemon run on lb01 and lb02
 */
public record DrillOptions(DrillMode mode, Path masterConfig, Path backupConfig, Path outDir, double rate,
                           double settleSeconds, int timeoutMs, int connections, DrillDaemon daemon) {
    /** Maximum of {@code --connections}: each has two virtual threads and sends 10 lines a second. */
    public static final int MAX_CONNECTIONS = 1000;

    /** javalived, without long-lived connections. */
    public DrillOptions(DrillMode mode, Path masterConfig, Path backupConfig, Path outDir, double rate,
                        double settleSeconds, int timeoutMs) {
        this(mode, masterConfig, backupConfig, outDir, rate, settleSeconds, timeoutMs, 0, DrillDaemon.JAVALIVED);
    }

    public DrillOptions {
        if (connections < 0 || connections > MAX_CONNECTIONS) {
            throw new DrillException("--connections must be between 0 and " + MAX_CONNECTIONS + " (got " + connections + ")");
        }
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
