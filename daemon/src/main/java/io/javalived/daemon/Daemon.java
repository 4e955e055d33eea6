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
import io.javalived.daemon.cli.KeepalivedOptions;
import io.javalived.daemon.ops.DaemonOperations;
import io.javalived.daemon.ops.Operations;
import io.javalived.daemon.status.RunningState;
import io.javalived.daemon.status.StatusListen;
import io.javalived.parser.model.KeepalivedConfig;
import io.javalived.daemon.alert.SmtpAlerter;
import io.javalived.daemon.alert.SmtpSettings;
import io.javalived.daemon.alert.SmtpTransport;
import io.javalived.daemon.lifecycle.StartStopScripts;
import io.javalived.scripts.ProcessScriptRunner;
import io.javalived.scripts.ScriptPolicy;

/**
 * The daemon's run path: load the configuration, report its diagnostics, write the pid files, start the
 * subsystems, and on SIGTERM/SIGINT stop them gracefully (a VRRP master sends priority 0 and removes its VIPs)
 * before removing the pid files. One JVM process plays keepalived's parent, VRRP and checker processes.
 */
public final class Daemon {
    private final DaemonOptions options;
    private final List<SubsystemStarter.Named> factories;
    private final List<Subsystem> running = new ArrayList<>();
    /**
     * The started subsystems as of the last start, read by the stop signal without {@link #running}'s lock: that lock
     * is held while the status side starts (seconds on a busy machine), and a priority-0 advert must not wait for it.
     */
    private volatile List<Subsystem> started = List.of();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final PidFiles pidFiles = new PidFiles();
    private Logger log;
    private DaemonOperations.Options opsOptions = DaemonOperations.Options.defaults();
    private volatile Operations ops;
    private volatile boolean hupDuringStart;
    private volatile boolean opsFailed;
    private String commandLineUmask;
    /** SMTP alert mails (smtp_server and notification_email set), shared by VRRP and the checkers. */
    private volatile Optional<SmtpAlerter> alerts = Optional.empty();
    /** startup_script / shutdown_script and the runner they go through (closed at the very end). */
    private StartStopScripts startStop;
    private ProcessScriptRunner startStopRunner;
    /** -s NAME: overrides the configuration's net_namespace. */
    private Optional<String> namespaceOption = Optional.empty();

    public Daemon(DaemonOptions options, List<SubsystemStarter.Named> factories) {
        this.options = options;
        this.factories = List.copyOf(factories);
    }

    /** keepalived's {@code -u/--umask} (null: none). */
    public Daemon withUmask(String commandLineUmask) {
        this.commandLineUmask = commandLineUmask;
        return this;
    }

    /** Status endpoint and state file (javalived's --status-listen, --state-file). */
    public Daemon withOperations(DaemonOperations.Options o) {
        this.opsOptions = o;
        return this;
    }

    /** keepalived's -s NAME: run in network namespace NAME (overrides net_namespace). */
    public Daemon withNamespace(Optional<String> name) {
        this.namespaceOption = name;
        return this;
    }

    /** The daemon for keepalived's command line, with the VRRP and checker subsystems. */
    public static Daemon forOptions(KeepalivedOptions o) {
        var options = new DaemonOptions(o.configFile, o.dontFork, o.logConsole, o.logDetail, o.vrrpOnly, o.checkOnly,
                o.pidFile != null ? o.pidFile : DaemonOptions.DEFAULT_PID,
                o.vrrpPidFile != null ? o.vrrpPidFile : DaemonOptions.DEFAULT_VRRP_PID,
                o.checkersPidFile != null ? o.checkersPidFile : DaemonOptions.DEFAULT_CHECKERS_PID,
                Optional.ofNullable(o.configId), o.dontReleaseVrrp, o.dontReleaseIpvs, o.releaseVips, o.dumpConf,
                "memory".equals(o.ipvs));
        return new Daemon(options, List.of(new SubsystemStarter.Named("VRRP", VrrpSubsystem::create),
                        new SubsystemStarter.Named("Checkers", CheckerSubsystem::create)))
                .withUmask(o.umask)
                .withOperations(new DaemonOperations.Options(
                        StatusListen.option(o.statusListen),
                        RunningState.fileFor(o.stateFile, o.pidFile)))
                .withNamespace(Optional.ofNullable(o.namespace));
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
        // Before any socket and any long-lived thread: all of them are then born in the namespace.
        Optional<String> netns = NetNamespace.wanted(namespaceOption, parsed.config(), log);
        if (netns.isPresent() && !NetNamespace.enter(netns.get(), log)) {
            return 1;
        }
        FileCreationMask.apply(commandLineUmask, parsed.config(), log);
        Optional<PidFiles.AlreadyRunning> other = claimPidFiles(parsed.config());
        if (other.isPresent()) {
            log.error("{}", other.get().describe());
            pidFiles.close();
            return 1;
        }
        log.info("Starting javalived (pid {}) with {}", ProcessHandle.current().pid(), options.configFile());
        if (options.releaseVips()) {
            log.info("-X/--release-vips: javalived always removes an instance's VIPs when it leaves MASTER, whether or not this run added them");
        }
        if (options.dumpConf()) {
            ConfigDump.log(parsed.config(), log);
        }
        alerts = SmtpSettings.of(parsed.config().globalDefs())
                .map(s -> SmtpAlerter.start(s, new SmtpTransport(), options.logDetail()));
        var g = parsed.config().globalDefs();
        if (g.startupScript().isPresent() || g.shutdownScript().isPresent()) {
            startStopRunner = new ProcessScriptRunner();
            startStop = StartStopScripts.of(g, ScriptPolicy.of(g.enableScriptSecurity(), g.scriptUser(), g.scriptGroup()),
                    startStopRunner, options.logDetail());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::shutdown, "javalived-shutdown"));
        installHupHandler();
        installStopHandlers();
        if (startStop != null) startStop.runStartup(); // keepalived starts its children once it has ended
        SubsystemStarter.startAll(factories, parsed.config(), options, this, started -> {
            synchronized (running) {
                running.add(started);
                this.started = List.copyOf(running);
            }
        });
        try {
            final ParseOptions reparseOptions = po;
            synchronized (running) {
                ops = DaemonOperations.start(opsOptions, Version.current(), options.configFile(),
                        options.configId(), parsed, () -> ConfigLoader.load(options.configFile(), reparseOptions),
                        List.copyOf(running));
            }
        } catch (RuntimeException e) {
            opsFailed = true;
            log.error("status, dumps and reload are unavailable: {}", e.toString());
        }
        reloadIfHupDuringStart();
        // Parsing and start-up garbage is large next to the steady state: collect it once so the heap can shrink.
        System.gc();
        // The last start-up line: from here the main thread only waits (benchmarks start measuring after it).
        log.info("Start-up complete");
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private synchronized void reloadIfHupDuringStart() {
        if (ops != null && hupDuringStart) {
            hupDuringStart = false;
            log.info("SIGHUP during start-up: reloading now");
            ops.requestReload();
        }
    }

    /**
     * Claims the pid files this run writes (-p always; -r when VRRP will run, -c when the checkers will), each locked
     * for the life of the process, before anything else is touched; the first one another daemon holds, if any.
     */
    private Optional<PidFiles.AlreadyRunning> claimPidFiles(KeepalivedConfig config) {
        List<Path> files = new ArrayList<>(List.of(options.pidFile()));
        if (options.runsVrrp() && !config.vrrpInstances().isEmpty()) files.add(options.vrrpPidFile());
        if (options.runsCheckers() && !config.virtualServers().isEmpty()) files.add(options.checkersPidFile());
        for (Path f : files) {
            try {
                Optional<PidFiles.AlreadyRunning> other = pidFiles.claim(f);
                if (other.isPresent()) return other;
            } catch (IOException e) {
                log.warn("cannot write pid file {}: {}", f, e.getMessage());
            }
        }
        return Optional.empty();
    }

    /** The SMTP alerts, when global_defs asks for them (smtp_server and at least one notification_email). */
    public Optional<SmtpAlerter> alerts() {
        return alerts;
    }

    /** How long the last alerts (VRRP's "Stopping") may take at stop: the SMTP timeout, at most 5 s. */
    private static java.time.Duration drainAtStop(SmtpAlerter a) {
        java.time.Duration t = a.settings().timeout();
        return t.compareTo(java.time.Duration.ofSeconds(5)) > 0 ? java.time.Duration.ofSeconds(5) : t;
    }

    /** Writes this process's pid to {@code file} (removed again at stop); used for -p, -r and -c. */
    public void writePid(Path file) {
        if (pidFiles.holds(file)) return;
        try {
            pidFiles.claim(file).ifPresent(other -> log.warn("pid file {} not written: {}", file, other.how()));
        } catch (IOException e) {
            log.warn("cannot write pid file {}: {}", file, e.getMessage());
        }
    }

    /**
     * SIGHUP reloads, once the operator side runs; one that arrives during start-up is kept and runs then (the
     * file is read when the reload starts), where the JVM's own handler would have stopped the daemon.
     */
    private void installHupHandler() {
        try {
            SignalHandlers.handle("HUP", this::requestReload);
            log.info("SIGHUP reloads the configuration (only its differences are applied)");
        } catch (IllegalArgumentException e) {
            log.warn("cannot handle SIGHUP ({}); reloads need a restart", e.getMessage());
        }
    }

    private synchronized void requestReload() {
        Operations o = ops;
        if (o != null) {
            o.requestReload();
        } else if (!opsFailed) {
            hupDuringStart = true;
        } else {
            log.warn("SIGHUP: reloads are unavailable (the status and reload side did not start); configuration unchanged");
        }
    }

    /**
     * SIGTERM/SIGINT: the JVM's own handler goes through Runtime.exit and the shutdown hooks (two more threads
     * started) before {@link #shutdown()} runs. Ours first tells every subsystem to begin stopping, on the signal's
     * own thread (VRRP posts its priority-0 advert to its loop at once: nothing to open, so no namespace concern),
     * then exits as the JVM would (128 + signal number), which runs the hook for the rest of the stop.
     */
    private void installStopHandlers() {
        for (String name : List.of("TERM", "INT")) {
            try {
                int status = 128 + new sun.misc.Signal(name).getNumber();
                SignalHandlers.handle(name, this::beginStop, () -> System.exit(status));
            } catch (IllegalArgumentException e) {
                log.debug("cannot handle SIG{}: {}", name, e.getMessage());
            }
        }
    }

    private void beginStop() {
        for (Subsystem s : started) {
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
        alerts.ifPresent(a -> a.close(drainAtStop(a)));
        if (startStop != null) {
            startStop.runShutdown();
            startStopRunner.close();
        }
        if (ops != null) ops.close();
        pidFiles.close();
        log.info("Stopped javalived");
        LogSetup.flush(); // the shutdown hook ends the process: every line out first
        stopped.countDown();
    }
}
