package io.javalived.daemon;

import io.javalived.daemon.config.ConfigLoader;
import io.javalived.parser.ParseOptions;
import io.javalived.parser.ParseResult;
import io.javalived.parser.diag.Diagnostic;
import io.javalived.parser.diag.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's run path: load the configuration, report its diagnostics, write the pid files, start the
 * subsystems, and on SIGTERM/SIGINT stop them gracefully (a VRRP master sends priority 0 and removes its VIPs)
 * before removing the pid files. One JVM process plays keepalived's parent, VRRP and checker processes.
 */
public final class Daemon {
    private final DaemonOptions options;
    private final List<SubsystemStarter.Named> factories;
    private final List<Subsystem> running = new ArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final List<Path> pidFiles = new ArrayList<>();
    private Logger log;
    private io.javalived.daemon.ops.DaemonOperations.Options opsOptions = io.javalived.daemon.ops.DaemonOperations.Options.defaults();
    private volatile io.javalived.daemon.ops.Operations ops;

    public Daemon(DaemonOptions options, List<SubsystemStarter.Named> factories) {
        this.options = options;
        this.factories = List.copyOf(factories);
    }

    /** Status endpoint and state file (javalived's --status-listen, --state-file). */
    public Daemon withOperations(io.javalived.daemon.ops.DaemonOperations.Options o) {
        this.opsOptions = o;
        return this;
    }

    /** The daemon for keepalived's command line, with the VRRP and checker subsystems. */
    public static Daemon forOptions(io.javalived.daemon.cli.KeepalivedOptions o) {
        var options = new DaemonOptions(o.configFile, o.dontFork, o.logConsole, o.logDetail, o.vrrpOnly, o.checkOnly,
                o.pidFile != null ? o.pidFile : DaemonOptions.DEFAULT_PID,
                o.vrrpPidFile != null ? o.vrrpPidFile : DaemonOptions.DEFAULT_VRRP_PID,
                o.checkersPidFile != null ? o.checkersPidFile : DaemonOptions.DEFAULT_CHECKERS_PID,
                Optional.ofNullable(o.configId), o.dontReleaseVrrp, o.dontReleaseIpvs, o.releaseVips, o.dumpConf,
                "memory".equals(o.ipvs));
        return new Daemon(options, List.of(new SubsystemStarter.Named("VRRP", VrrpSubsystem::create),
                        new SubsystemStarter.Named("Checkers", CheckerSubsystem::create)))
                .withOperations(new io.javalived.daemon.ops.DaemonOperations.Options(
                        io.javalived.daemon.status.StatusListen.option(o.statusListen),
                        io.javalived.daemon.status.RunningState.fileFor(o.stateFile, o.pidFile)));
    }

    /** Runs until stopped by a signal; returns the process exit code. */
    public int run() {
        System.setProperty("javalived.log.level", options.logDetail() ? "DEBUG" : "INFO");
        log = LoggerFactory.getLogger(Daemon.class);
        if (!Files.isReadable(options.configFile())) {
            log.error("Configuration file {} cannot be read", options.configFile());
            return 1;
        }
        ParseOptions po = ParseOptions.forThisHost();
        if (options.configId().isPresent()) po = po.withConfigId(options.configId().get());
        ParseResult parsed = ConfigLoader.load(options.configFile(), po); // the diagnostics -t prints, not-applied included
        for (Diagnostic d : parsed.diagnostics()) {
            switch (d.severity()) {
                case FATAL, ERROR -> log.error("{}", d.format());
                case WARNING -> log.warn("{}", d.format());
                default -> log.info("{}", d.format());
            }
        }
        if (parsed.hasAtLeast(Severity.FATAL)) {
            log.error("Configuration {} cannot run; stopping", options.configFile());
            return 1;
        }
        log.info("Starting javalived (pid {}) with {}", ProcessHandle.current().pid(), options.configFile());
        if (options.releaseVips()) {
            log.info("-X/--release-vips: javalived always removes an instance's VIPs when it leaves MASTER, whether or not this run added them");
        }
        if (options.dumpConf()) {
            ConfigDump.log(parsed.config(), log);
        }
        writePid(options.pidFile());
        Runtime.getRuntime().addShutdownHook(new Thread(this::shutdown, "javalived-shutdown"));
        installHupHandler();
        installStopHandlers();
        SubsystemStarter.startAll(factories, parsed.config(), options, this, started -> {
            synchronized (running) {
                running.add(started);
            }
        });
        try {
            final ParseOptions reparseOptions = po;
            synchronized (running) {
                ops = io.javalived.daemon.ops.DaemonOperations.start(opsOptions, "0.1.0", options.configFile(),
                        options.configId(), parsed, () -> ConfigLoader.load(options.configFile(), reparseOptions),
                        List.copyOf(running));
            }
        } catch (RuntimeException e) {
            log.error("status, dumps and reload are unavailable: {}", e.toString());
        }
        // Parsing and start-up garbage is large next to the steady state: collect it once so the heap can shrink.
        System.gc();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** Writes this process's pid to {@code file} (removed again at stop); used for -p, -r and -c. */
    public void writePid(Path file) {
        try {
            if (file.getParent() != null) Files.createDirectories(file.getParent());
            Files.writeString(file, ProcessHandle.current().pid() + "\n");
            pidFiles.add(file);
        } catch (IOException e) {
            log.warn("cannot write pid file {}: {}", file, e.getMessage());
        }
    }

    private void installHupHandler() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("HUP"),
                    sig -> log.warn("SIGHUP: reload is not part of this run path yet; configuration unchanged"));
        } catch (IllegalArgumentException e) {
            log.debug("cannot handle SIGHUP: {}", e.getMessage());
        }
    }

    /**
     * SIGTERM/SIGINT: the JVM's own handler goes through Runtime.exit and the shutdown hooks (two more threads
     * started) before {@link #shutdown()} runs. Ours first tells every subsystem to begin stopping (VRRP posts
     * its priority-0 advert to its loop at once), then exits as the JVM would (128 + signal number), which runs
     * the hook for the rest of the stop.
     */
    private void installStopHandlers() {
        for (String name : List.of("TERM", "INT")) {
            try {
                sun.misc.Signal signal = new sun.misc.Signal(name);
                int status = 128 + signal.getNumber();
                sun.misc.Signal.handle(signal, sig -> {
                    beginStop();
                    System.exit(status);
                });
            } catch (IllegalArgumentException e) {
                log.debug("cannot handle SIG{}: {}", name, e.getMessage());
            }
        }
    }

    private void beginStop() {
        List<Subsystem> now;
        synchronized (running) {
            now = List.copyOf(running);
        }
        for (Subsystem s : now) {
            try {
                s.beginStop();
            } catch (RuntimeException e) {
                log.error("{} did not begin to stop: {}", s.name(), e.toString());
            }
        }
    }

    private void shutdown() {
        log.info("Stopping javalived");
        List<Subsystem> toStop;
        synchronized (running) {
            toStop = new ArrayList<>(running);
            running.clear();
        }
        // Subsystems stop first and in parallel, as keepalived's children do on SIGTERM: VRRP's priority-0 advert
        // must not wait for the checkers or the status endpoint (the backup's takeover time depends on it).
        List<Thread> stopping = new ArrayList<>();
        for (Subsystem s : toStop) {
            stopping.add(Thread.ofPlatform().name("stop-" + s.name()).start(() -> {
                try {
                    s.stop();
                    log.info("{} stopped", s.name());
                } catch (RuntimeException e) {
                    log.error("{} did not stop cleanly: {}", s.name(), e.getMessage());
                }
            }));
        }
        for (Thread t : stopping) {
            try {
                t.join(15_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (ops != null) ops.close();
        for (Path p : pidFiles) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                log.warn("cannot remove pid file {}: {}", p, e.getMessage());
            }
        }
        log.info("Stopped javalived");
        stopped.countDown();
    }
}
