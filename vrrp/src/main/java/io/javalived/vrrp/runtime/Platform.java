package io.javalived.vrrp.runtime;

import java.util.function.LongSupplier;
import io.javalived.scripts.ScriptRunner;
import io.javalived.vrrp.packet.IpFamily;

/** The side effects the engine needs, behind narrow interfaces: the Linux one and an in-memory twin implement it. */
public interface Platform {
    /** Opens the VRRP socket of an instance (bound to its interface, group joined or unicast). */
    AdvertSocket openSocket(InstanceConfig instance);

    VipManager vips();

    /** Routes and policy routing rules. */
    RoutingTables routing();

    /** VMAC interfaces ({@code use_vmac}). */
    VmacLinks vmacs();

    /** Drops traffic to the VIPs of instances without accept mode while they are MASTER. */
    VipFirewall firewall();

    Announcer announcer();

    ScriptRunner scripts();

    LinkWatcher links();

    /** The files instances track (track_file), followed (one watcher, started on first use). */
    FileWatcher files();

    /** The processes instances track (track_process), counted (one watcher, started on first use). */
    ProcessWatcher processes();

    /** The addresses on the interfaces, followed (one watcher, started on first use). */
    AddressWatcher addresses();

    /**
     * Opens (creating it if missing, as a FIFO) a notify FIFO for writing without blocking.
     *
     * @throws NetworkActionException when it cannot be created or opened
     */
    NotifyFifo openFifo(java.nio.file.Path path);

    /** The address adverts leave from by default: the interface's primary IPv4 address, or its IPv6 link-local one. */
    java.util.Optional<java.net.InetAddress> primaryAddress(String interfaceName, IpFamily family);

    /** The VRRP thread's scheduling (max_auto_priority). */
    RealtimePriority realtime();

    /** Monotonic nanoseconds. */
    LongSupplier clock();
}
