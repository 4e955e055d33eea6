package io.javalived.vrrp.runtime;

import io.javalived.vrrp.track.Health;
import io.javalived.vrrp.track.TrackFileValue;
import io.javalived.vrrp.track.TrackedObject;
import io.javalived.vrrp.track.ScriptTracker;
import io.javalived.vrrp.track.TrackerWeight;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one instance tracks and the health it makes: its interfaces (link up/down, IFF_MULTICAST) followed
 * through the {@link LinkWatcher}, its vrrp_scripts run periodically on the shared script scheduler, a socket
 * that could not be opened, and the configuration's own fault. Trackers change on their own threads and tell
 * the loop ({@link LoopInbox#trackersChanged}); the loop reads {@link #changedHealth()}.
 */
final class InstanceTrackers {
    private static final Logger log = LoggerFactory.getLogger(InstanceTrackers.class);
    private static final String SOCKET = "socket";

    private final RunningInstance instance;
    private final Platform platform;
    private final ScheduledExecutorService scriptScheduler;
    private final LoopInbox loop;
    private volatile TrackerSet set;
    /** Running vrrp_script checks by script name, kept across reloads when the script did not change. */
    private final Map<String, RunningScript> running = new ConcurrentHashMap<>();
    private volatile boolean socketFailed;
    /** Configured interface name to its name now, for the interfaces renamed since the instance started. */
    private final Map<String, String> renamed = new ConcurrentHashMap<>();
    /** The followed track files by track_file name (replaced at each rebuild). */
    private final Map<String, FileWatcher.Subscription> fileSubscriptions = new ConcurrentHashMap<>();
    /** Each track file's last valid value (an out-of-range number leaves it as it was, as keepalived does). */
    private final Map<String, Long> fileValues = new ConcurrentHashMap<>();
    /** The counted processes by track_process name (replaced at each rebuild). */
    private final Map<String, FileWatcher.Subscription> processSubscriptions = new ConcurrentHashMap<>();
    /** Each tracked process's quorum as it counts now, and the delayed change waiting (fork/terminate_delay). */
    private final Map<String, ProcessQuorum> quorums = new ConcurrentHashMap<>();
    /** The health the state machine was last told (loop thread only); null: tell it again. */
    private Health lastHealth;

    /** One vrrp_script's periodic run and the status its results made. */
    private record RunningScript(ScriptTrack track, ScriptTracker tracker, ScheduledFuture<?> task) {
        /** Whether {@code other} runs the same check (its weight may differ: that is only the tracker's business). */
        boolean runs(ScriptTrack other) {
            return track.name().equals(other.name()) && track.script().equals(other.script())
                    && track.interval().equals(other.interval()) && track.timeout().equals(other.timeout())
                    && track.rise() == other.rise() && track.fall() == other.fall() && track.initFail() == other.initFail();
        }
    }

    InstanceTrackers(RunningInstance instance, Platform platform, ScheduledExecutorService scriptScheduler, LoopInbox loop) {
        this.instance = instance;
        this.platform = platform;
        this.scriptScheduler = scriptScheduler;
        this.loop = loop;
        this.set = new TrackerSet(instance.config().settings().basePriority());
    }

    /** Builds the trackers of the current configuration and follows link changes from now on. */
    void watch() {
        LinkWatcher links = platform.links();
        initialiseFiles(instance.config());
        rebuild(instance.config());
        links.onRename((from, to) -> {
            if (instance.removed()) return;
            String configured = configuredName(from);
            if (!tracksInterface(configured)) return;
            if (configured.equals(to)) renamed.remove(configured);
            else renamed.put(configured, to);
            log.warn("({}) interface {} was renamed {}; following it by its index{}", instance.config().name(), from, to,
                    configured.equals(from) ? "" : " (configured as " + configured + ")");
        });
        links.onChange((current, up) -> {
            if (instance.removed()) return;
            String ifname = configuredName(current);
            String name = instance.config().name();
            boolean changed = false;
            if (set.set("interface " + ifname, up)) {
                log.info("({}) interface {} is {}", name, ifname, up ? "UP" : "DOWN");
                changed = true;
            }
            boolean multicast = links.multicastCapable(current);
            if (set.set(multicastKey(ifname), multicast)) {
                log.info("({}) interface {} {} IFF_MULTICAST", name, ifname, multicast ? "has" : "lost");
                changed = true;
            }
            if (changed) loop.trackersChanged(instance);
        });
    }

    /** The name the interface configured as {@code configured} has now (itself unless renamed since the start). */
    String currentName(String configured) {
        return renamed.getOrDefault(configured, configured);
    }

    /** The configured name of the interface now called {@code current}. */
    private String configuredName(String current) {
        for (var e : renamed.entrySet()) if (e.getValue().equals(current)) return e.getKey();
        return renamed.containsKey(current) ? "\0" + current : current; // a new interface took a followed one's old name
    }

    private boolean tracksInterface(String configured) {
        InstanceConfig c = instance.config();
        return c.interfaceName().equals(configured) || c.trackInterfaces().stream().anyMatch(t -> t.name().equals(configured))
                || c.allVips().stream().anyMatch(v -> v.device().equals(configured));
    }

    /** The VRRP socket could not be opened: the instance stays in FAULT until it is. */
    void socketFailed() {
        socketFailed = true;
        set.add(SOCKET, TrackerWeight.FAULT_WHEN_DOWN, false);
    }

    void socketOpened() {
        if (socketFailed) {
            socketFailed = false;
            set.set(SOCKET, true);
        }
    }

    /** The health now if the state machine has not been told it yet (loop thread). */
    Optional<Health> changedHealth() {
        Health h = set.health();
        if (h.equals(lastHealth)) return Optional.empty();
        lastHealth = h;
        return Optional.of(h);
    }

    /**
     * The trackers for {@code c} (a reload): interfaces as they are now, vrrp_scripts that run unchanged keep their
     * running check and last status (keepalived keeps a track script's status over a reload), new ones start, and
     * scripts no longer tracked stop. The state machine hears the health again.
     */
    void reconfigure(InstanceConfig c) {
        rebuild(c);
        lastHealth = null;
    }

    /** Stops every script check and file follower (the instance is gone). */
    void stop() {
        running.values().forEach(r -> r.task().cancel(false));
        fileSubscriptions.values().forEach(FileWatcher.Subscription::close);
        fileSubscriptions.clear();
        processSubscriptions.values().forEach(FileWatcher.Subscription::close);
        processSubscriptions.clear();
        quorums.values().forEach(ProcessQuorum::cancel);
    }

    /** One tracked process's quorum as it counts for the instance, and a change waiting for its delay. */
    private static final class ProcessQuorum {
        final ProcessTrack track;
        volatile boolean up;
        ScheduledFuture<?> pending;
        boolean pendingUp;

        ProcessQuorum(ProcessTrack track, boolean up) {
            this.track = track;
            this.up = up;
        }

        synchronized void cancel() {
            if (pending != null) pending.cancel(false);
            pending = null;
        }
    }

    private static String processKey(String name) {
        return "process " + name;
    }

    private static TrackedObject processTracker(ProcessTrack t, boolean up) {
        return new TrackedObject(processKey(t.name()), t.weight(), up, false,
                "tracked process " + t.name() + (up ? " quorum achieved" : " quorum not achieved"));
    }

    /**
     * A new count of a tracked process (the watcher's thread): a quorum gained counts after fork_delay, a quorum lost
     * after terminate_delay (at once without them); a count that comes back before the delay ends cancels it.
     */
    private void processCount(ProcessQuorum q, int count) {
        if (instance.removed()) return;
        boolean now = q.track.quorum(count);
        synchronized (q) {
            if (now == q.up) {
                q.cancel();
                return;
            }
            if (q.pending != null && q.pendingUp == now) return;
            q.cancel();
            Duration delay = now ? q.track.forkDelay() : q.track.terminateDelay();
            if (!delay.isZero()) {
                q.pendingUp = now;
                q.pending = scriptScheduler.schedule(() -> {
                    synchronized (q) {
                        q.pending = null;
                    }
                    quorumChanged(q, now);
                }, delay.toNanos(), TimeUnit.NANOSECONDS);
                return;
            }
        }
        quorumChanged(q, now);
    }

    private void quorumChanged(ProcessQuorum q, boolean up) {
        if (instance.removed() || q.up == up) return;
        q.up = up;
        log.info("({}) Quorum {} for tracked process {}", instance.config().name(), up ? "gained" : "lost", q.track.name());
        TrackerSet s = set;
        if (s.tracks(processKey(q.track.name())) && s.put(processTracker(q.track, up))) loop.trackersChanged(instance);
    }

    /** keepalived's init_file, at start only: the file written with its value when missing (or always, overwrite). */
    private void initialiseFiles(InstanceConfig c) {
        for (FileTrack f : c.trackFiles()) {
            f.init().ifPresent(init -> {
                try {
                    platform.files().initialise(f.path(), init.value(), init.overwrite());
                } catch (RuntimeException e) {
                    log.error("({}) Unable to initialise track file {}: {}", c.name(), f.name(), e.getMessage());
                }
            });
        }
    }

    private static String fileKey(String name) {
        return "file " + name;
    }

    /** The file's tracker for its last valid value (0 before any). */
    private TrackedObject fileTracker(FileTrack f) {
        return TrackFileValue.tracked(fileKey(f.name()), f.name(), fileValues.getOrDefault(f.name(), 0L), f.weight());
    }

    /** A track file's contents, read now or after a change: its value, the tracker, the loop told if that changed. */
    private void fileChanged(FileTrack f, String content) {
        if (instance.removed()) return;
        OptionalLong v = TrackFileValue.parse(content);
        if (v.isEmpty()) {
            log.info("({}) Invalid number '{}' read from {} - ignoring", instance.config().name(), content.strip(), f.path());
            return;
        }
        Long before = fileValues.put(f.name(), v.getAsLong());
        TrackerSet s = set;
        if (!s.tracks(fileKey(f.name()))) return;
        TrackedObject t = fileTracker(f);
        if (s.put(t)) {
            if (before == null || before != v.getAsLong()) {
                log.info("({}) tracked file {} now has value {}{}", instance.config().name(), f.name(), v.getAsLong(),
                        t.weight().faults(t.up()) ? ": FAULT" : "");
            }
            loop.trackersChanged(instance);
        }
    }

    /**
     * Follows the files of {@code c} (the ones of the configuration before are let go), then reads each once more:
     * a change between the first read and the subscription is not lost. A file whose directory does not exist is
     * not tracked (keepalived: "Track file directory for X does not exist - removing").
     */
    private void followFiles(InstanceConfig c, List<FileTrack> tracked) {
        fileSubscriptions.values().forEach(FileWatcher.Subscription::close);
        fileSubscriptions.clear();
        for (FileTrack f : tracked) {
            try {
                fileSubscriptions.put(f.name(), platform.files().follow(f.path(), content -> fileChanged(f, content)));
            } catch (RuntimeException e) {
                log.error("({}) track file {} cannot be followed ({}); it keeps the value it has now", c.name(), f.name(),
                        e.getMessage());
            }
        }
        for (FileTrack f : tracked) fileChanged(f, platform.files().read(f.path()));
    }

    private void rebuild(InstanceConfig c) {
        TrackerSet next = new TrackerSet(c.settings().basePriority());
        LinkWatcher links = platform.links();
        for (InterfaceTrack t : c.trackInterfaces()) {
            next.add("interface " + t.name(), t.weight(), links.isUp(currentName(t.name())));
        }
        c.configFault().ifPresent(why -> next.addCondition("configuration", false, why));
        if (!c.unicast() && c.configFault().isEmpty()) {
            // reference 2.6: an interface without IFF_MULTICAST and no unicast peers puts the instance in FAULT
            next.addCondition(multicastKey(c.interfaceName()), links.multicastCapable(currentName(c.interfaceName())),
                    "interface " + c.interfaceName() + " has no IFF_MULTICAST and the instance has no unicast_peer");
        }
        Map<String, RunningScript> keep = new LinkedHashMap<>();
        for (ScriptTrack s : c.trackScripts()) {
            RunningScript r = running.get(s.name());
            if (r != null && r.runs(s)) {
                keep.put(s.name(), new RunningScript(s, r.tracker(), r.task()));
                ScriptTracker.Status st;
                synchronized (r.tracker()) {
                    st = r.tracker().status();
                }
                if (st == ScriptTracker.Status.UNKNOWN) {
                    next.addPending("script " + s.name(), s.weight());
                } else {
                    next.add("script " + s.name(), s.weight(), st == ScriptTracker.Status.UP);
                }
            } else if (s.initFail()) {
                next.add("script " + s.name(), s.weight(), false);
            } else {
                // Not reported yet: no weight either way; with weight 0 the instance waits in INIT (keepalived).
                next.addPending("script " + s.name(), s.weight());
            }
        }
        for (var e : running.entrySet()) {
            if (!keep.containsKey(e.getKey()) || keep.get(e.getKey()).task() != e.getValue().task()) {
                e.getValue().task().cancel(false);
            }
        }
        running.clear();
        running.putAll(keep);
        if (socketFailed) next.add(SOCKET, TrackerWeight.FAULT_WHEN_DOWN, false);
        List<FileTrack> files = new ArrayList<>();
        for (FileTrack f : c.trackFiles()) {
            if (!platform.files().canFollow(f.path())) {
                log.error("({}) Track file directory for {} does not exist - removing", c.name(), f.name());
                continue;
            }
            TrackFileValue.parse(platform.files().read(f.path())).ifPresent(v -> fileValues.put(f.name(), v));
            files.add(f);
            TrackedObject t = fileTracker(f);
            next.put(t);
            if (t.weight().faults(t.up())) {
                log.info("({}) tracked file {} has value {}: FAULT", c.name(), f.name(), fileValues.getOrDefault(f.name(), 0L));
            }
        }
        processSubscriptions.values().forEach(FileWatcher.Subscription::close);
        processSubscriptions.clear();
        quorums.values().forEach(ProcessQuorum::cancel);
        quorums.clear();
        for (ProcessTrack t : c.trackProcesses()) {
            boolean up = t.quorum(platform.processes().count(t.pattern()));
            quorums.put(t.name(), new ProcessQuorum(t, up));
            next.put(processTracker(t, up));
            if (t.weight().weight() == 0 && up == t.weight().reverse()) {
                log.info("({}) entering FAULT state (tracked process {} quorum {})", c.name(), t.name(),
                        up ? "achieved" : "not achieved");
            }
        }
        set = next;
        followFiles(c, files);
        for (ProcessQuorum q : quorums.values()) {
            processSubscriptions.put(q.track.name(), platform.processes().follow(q.track.pattern(), n -> processCount(q, n)));
            processCount(q, platform.processes().count(q.track.pattern()));
        }
        for (ScriptTrack s : c.trackScripts()) {
            if (!running.containsKey(s.name())) running.put(s.name(), startScript(s));
        }
    }

    private static String multicastKey(String ifname) {
        return "IFF_MULTICAST " + ifname;
    }

    private RunningScript startScript(ScriptTrack s) {
        ScriptTracker st = new ScriptTracker(s.rise(), s.fall(), s.initFail());
        AtomicBoolean busy = new AtomicBoolean();
        var task = scriptScheduler.scheduleWithFixedDelay(() -> {
            if (!busy.compareAndSet(false, true)) return;
            platform.scripts().run(s.script(), s.timeout()).whenComplete((outcome, err) -> {
                busy.set(false);
                boolean ok = err == null && outcome.succeeded();
                boolean changed;
                synchronized (st) {
                    changed = st.record(ok);
                }
                if (changed && !instance.removed()) {
                    boolean up = st.status() == ScriptTracker.Status.UP;
                    log.info("({}) vrrp_script {} is now {}", instance.config().name(), s.name(), up ? "OK" : "KO");
                    if (set.set("script " + s.name(), up)) loop.trackersChanged(instance);
                }
            });
        }, 0, Math.max(1, s.interval().toMillis()), TimeUnit.MILLISECONDS);
        return new RunningScript(s, st, task);
    }
}
