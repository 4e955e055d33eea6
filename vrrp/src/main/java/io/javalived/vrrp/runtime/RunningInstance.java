package io.javalived.vrrp.runtime;

import io.javalived.vrrp.state.VrrpStateMachine;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One vrrp_instance at run time: its state machine (driven by the loop thread only), its socket and receive path,
 * its trackers, the advert it sends, its counters and what the engine last performed for it. A reload of a
 * changed instance replaces its configuration, builder and socket; the state machine, trackers and counters stay.
 */
final class RunningInstance {
    private static final Logger log = LoggerFactory.getLogger(RunningInstance.class);

    private volatile InstanceConfig config;
    private final VrrpStateMachine machine;
    private volatile AdvertBuilder builder;
    private volatile AdvertSocket socket;
    private final AdvertReceiver receiver;
    private final InstanceTrackers trackers;
    private final InstanceCounters counters = new InstanceCounters();
    private volatile PerformedState performed;
    private volatile boolean removed;
    private final Platform platform;

    RunningInstance(InstanceConfig c, Platform platform, ScheduledExecutorService scriptScheduler, LoopInbox loop,
                    BooleanSupplier engineRunning, UnknownVrids unknownVrids) {
        this.config = c;
        this.platform = platform;
        this.machine = new VrrpStateMachine(c.settings());
        this.builder = new AdvertBuilder(c, (int) (System.nanoTime() & 0xffff));
        this.performed = PerformedState.initial(c.settings().basePriority());
        this.receiver = new AdvertReceiver(this, loop, engineRunning, unknownVrids);
        this.trackers = new InstanceTrackers(this, platform, scriptScheduler, loop);
    }

    /** The engine's clock (the platform's monotonic one). */
    java.util.function.LongSupplier clock() {
        return platform.clock();
    }

    InstanceConfig config() {
        return config;
    }

    String name() {
        return config.name();
    }

    /** The instance's interface as it is named now (a rename is followed by its index). */
    String currentInterfaceName() {
        return trackers.currentName(config.interfaceName());
    }

    VrrpStateMachine machine() {
        return machine;
    }

    AdvertBuilder builder() {
        return builder;
    }

    AdvertSocket socket() {
        return socket;
    }

    AdvertReceiver receiver() {
        return receiver;
    }

    InstanceTrackers trackers() {
        return trackers;
    }

    InstanceCounters counters() {
        return counters;
    }

    PerformedState performed() {
        return performed;
    }

    /** Loop thread only. */
    void performed(PerformedState p) {
        performed = p;
    }

    boolean removed() {
        return removed;
    }

    InstanceStatus status() {
        return counters.status(config, performed, trackers::currentName, platform.addresses()::present);
    }

    /**
     * VMACs, trackers and the socket of an instance about to start (off the loop: opening a socket can take a
     * while). The VMACs come first: the socket may be bound to one and the trackers follow it.
     */
    void prepare() {
        boolean vmacsMade = makeVmacs(config.vmacs().all());
        trackers.watch();
        if (config.configFault().isPresent()) return; // held in FAULT by its configuration: nothing to send
        if (!vmacsMade) {
            trackers.socketFailed();
            return;
        }
        try {
            socket = platform.openSocket(config);
            trackers.socketOpened();
        } catch (RuntimeException e) {
            log.error("({}) cannot open the VRRP socket on {}: {}; the instance stays in FAULT", config.name(),
                    config.advertInterface(), e.getMessage());
            trackers.socketFailed();
        }
    }

    /** Makes the VMACs; false (logged) when one could not be made: the instance then stays in FAULT. */
    boolean makeVmacs(java.util.List<Vmac> vmacs) {
        for (Vmac v : vmacs) {
            try {
                platform.vmacs().create(v);
            } catch (RuntimeException e) {
                log.error("({}) {}; the instance stays in FAULT", config.name(), e.getMessage());
                return false;
            }
        }
        return true;
    }

    /** Removes VMACs made for this instance (after its VIPs are gone), each failure logged. */
    void removeVmacs(java.util.List<Vmac> vmacs) {
        for (Vmac v : vmacs) {
            try {
                platform.vmacs().remove(v);
            } catch (RuntimeException e) {
                log.error("({}) cannot remove VMAC interface {}: {}", config.name(), v.name(), e.getMessage());
            }
        }
    }

    /** Starts the receive thread on the instance's socket (none without one). */
    void startReceiving() {
        receiver.start(socket);
    }

    /**
     * A reload's new configuration (loop thread): the builder follows it and, when given, the new socket replaces
     * the old one (whose receive thread the caller then replaces).
     */
    void reconfigure(InstanceConfig next, AdvertSocket newSocket) {
        builder = builder.reconfigured(next);
        config = next;
        if (newSocket != null) socket = newSocket;
    }

    /** Marks the instance gone (loop thread, after its SHUTDOWN): its threads stop reporting. */
    void markRemoved() {
        removed = true;
    }

    /** Stops the script checks and the receive thread, closes the socket and removes the VMACs (off the loop). */
    void stop() {
        trackers.stop();
        receiver.stop();
        if (socket != null) socket.close();
        removeVmacs(config.vmacs().all());
    }
}
