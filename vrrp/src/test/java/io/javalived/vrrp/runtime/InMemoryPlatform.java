package io.javalived.vrrp.runtime;

import io.javalived.vrrp.state.Vip;

import io.javalived.vrrp.packet.IpFamily;
import io.javalived.vrrp.receive.ReceivedPacket;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;
import io.javalived.scripts.InMemoryScriptRunner;
import io.javalived.scripts.ScriptOutcome;
import io.javalived.scripts.ScriptRunner;

/**
 * The in-memory twin of {@link LinuxPlatform}: one host on a shared {@link Wire}. VIPs go into a set, adverts to
 * every other host's socket on the wire (IPv4 datagrams as built, so the receive checks run on real bytes),
 * announcements and scripts are recorded, links are up unless set down.
 */
public final class InMemoryPlatform implements Platform {

    /** A LAN: every socket sees what the others send (multicast) or what is addressed to its host (unicast). */
    public static final class Wire {
        private final List<InMemoryPlatform> hosts = new CopyOnWriteArrayList<>();
        private volatile boolean cut;

        /** Drops every packet while cut (a partition). */
        public void cut(boolean cut) {
            this.cut = cut;
        }
    }

    private final Wire wire;
    private final InetAddress address;
    private final Set<Vip> vips = ConcurrentHashMap.newKeySet();
    private final List<String> announced = new CopyOnWriteArrayList<>();
    private final List<String> vipChanges = new CopyOnWriteArrayList<>();
    private final List<List<String>> scriptsRun = new CopyOnWriteArrayList<>();
    private final Map<String, Boolean> links = new ConcurrentHashMap<>();
    private final Set<String> noMulticast = ConcurrentHashMap.newKeySet();
    private final Map<String, List<String>> fifoLines = new ConcurrentHashMap<>();
    private final List<BiConsumer<String, Boolean>> linkListeners = new CopyOnWriteArrayList<>();
    private final List<BiConsumer<String, String>> renameListeners = new CopyOnWriteArrayList<>();
    private final List<java.util.function.Consumer<InetAddress>> removedListeners = new CopyOnWriteArrayList<>();

    private final RecordingRealtimePriority realtime = new RecordingRealtimePriority();
    private final List<LinkedBlockingQueue<byte[]>> inboxes = new CopyOnWriteArrayList<>();
    private volatile boolean crashed;
    private volatile java.util.function.Function<List<String>, CompletableFuture<Integer>> scriptAnswers =
            argv -> CompletableFuture.completedFuture(0);

    public InMemoryPlatform(Wire wire, InetAddress address) {
        this.wire = wire;
        this.address = address;
        wire.hosts.add(this);
    }

    /** Stops sending and receiving at once, leaving VIPs as they are (kill -9). */
    public void crash() {
        crashed = true;
    }

    public Set<Vip> vipsHeld() {
        return Set.copyOf(vips);
    }

    /** Every VIP addition ({@code +10.0.0.3/24}) and removal ({@code -10.0.0.3/24}) made, in order (as ip monitor shows them). */
    public List<String> vipChanges() {
        return List.copyOf(vipChanges);
    }

    /**
     * Deletes a VIP as {@code ip addr del} from outside would: the VIP is gone and the address watcher hears it.
     */
    public void deleteFromOutside(Vip vip) {
        if (vips.remove(vip)) {
            vipChanges.add("-" + vip.address().getHostAddress() + "/" + vip.prefixLength() + " (outside)");
            removedListeners.forEach(l -> l.accept(vip.address()));
        }
    }

    /**
     * Renames an interface as {@code ip link set OLD name NEW} does: the rename is told, then the link under its new
     * name (with the state it had).
     */
    public void renameLink(String from, String to) {
        boolean up = links.getOrDefault(from, true);
        links.remove(from);
        links.put(to, up);
        renameListeners.forEach(l -> l.accept(from, to));
        linkListeners.forEach(l -> l.accept(to, up));
    }

    public List<String> announced() {
        return List.copyOf(announced);
    }

    public List<List<String>> scriptsRun() {
        return List.copyOf(scriptsRun);
    }

    public void setLink(String name, boolean up) {
        links.put(name, up);
        linkListeners.forEach(l -> l.accept(name, up));
    }

    /** Sets or clears the interface's IFF_MULTICAST flag (as {@code ip link set NAME multicast off|on}). */
    public void setMulticast(String name, boolean on) {
        if (on) noMulticast.remove(name);
        else noMulticast.add(name);
        boolean up = links.getOrDefault(name, true);
        linkListeners.forEach(l -> l.accept(name, up));
    }

    /** The lines written to a notify FIFO, in order. */
    public List<String> fifoLines(String path) {
        return List.copyOf(fifoLines.getOrDefault(path, List.of()));
    }

    @Override
    public AdvertSocket openSocket(InstanceConfig instance) {
        if (instance.family() != IpFamily.IPV4) throw new NetworkActionException("the in-memory wire carries IPv4 only");
        LinkedBlockingQueue<byte[]> inbox = new LinkedBlockingQueue<>();
        inboxes.add(inbox);
        return new AdvertSocket() {
            @Override
            public void send(InetAddress destination, byte[] packet) {
                if (crashed || wire.cut) return;
                for (InMemoryPlatform h : wire.hosts) {
                    if (h == InMemoryPlatform.this || h.crashed) continue;
                    if (!destination.isMulticastAddress() && !destination.equals(h.address)) continue;
                    h.inboxes.forEach(q -> q.add(packet.clone()));
                }
            }

            @Override
            public ReceivedPacket receive(Duration wait) {
                try {
                    byte[] b = inbox.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
                    return b == null || crashed ? null : new ReceivedPacket.Ipv4Datagram(b);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }

            @Override
            public void close() {
                inboxes.remove(inbox);
            }
        };
    }

    /** Its changes go to {@link #vipChanges()} too, so a test sees them in order with the VIPs'. */
    private final InMemoryFirewall firewall = new InMemoryFirewall(vipChanges);

    @Override
    public InMemoryFirewall firewall() {
        return firewall;
    }

    @Override
    public VipManager vips() {
        return new VipManager() {
            @Override
            public void add(Vip vip) {
                if (!crashed && vips.add(vip)) vipChanges.add("+" + vip.address().getHostAddress() + "/" + vip.prefixLength());
            }

            @Override
            public void remove(Vip vip) {
                if (!crashed && vips.remove(vip)) vipChanges.add("-" + vip.address().getHostAddress() + "/" + vip.prefixLength());
            }
        };
    }

    /** Routes and rules in place ("route LINE", "rule LINE"), and every change in order ("+route LINE", "-rule LINE"). */
    private final Set<String> routingEntries = ConcurrentHashMap.newKeySet();
    private final List<String> routingChanges = new CopyOnWriteArrayList<>();

    public Set<String> routingEntries() {
        return Set.copyOf(routingEntries);
    }

    public List<String> routingChanges() {
        return List.copyOf(routingChanges);
    }

    @Override
    public RoutingTables routing() {
        return new RoutingTables() {
            private void change(boolean add, String entry) {
                if (crashed) return;
                if (add ? routingEntries.add(entry) : routingEntries.remove(entry)) {
                    routingChanges.add((add ? "+" : "-") + entry);
                }
            }

            @Override
            public void add(io.javalived.parser.model.IpRoute route) {
                change(true, "route " + route.written());
            }

            @Override
            public void remove(io.javalived.parser.model.IpRoute route) {
                change(false, "route " + route.written());
            }

            @Override
            public void add(io.javalived.parser.model.IpRule rule) {
                change(true, "rule " + rule.written());
            }

            @Override
            public void remove(io.javalived.parser.model.IpRule rule) {
                change(false, "rule " + rule.written());
            }
        };
    }

    private final Map<String, Vmac> vmacsMade = new ConcurrentHashMap<>();
    private final List<String> vmacChanges = new CopyOnWriteArrayList<>();

    /** The VMAC interfaces there now, by name. */
    public Map<String, Vmac> vmacsPresent() {
        return Map.copyOf(vmacsMade);
    }

    /** The MAC of an interface: a VMAC's, a fixed one for other known links, empty for none. */
    public Optional<String> macOf(String name) {
        Vmac v = vmacsMade.get(name);
        if (v != null) return Optional.of(v.mac());
        return links.containsKey(name) ? Optional.of("02:00:00:00:00:01") : Optional.empty();
    }

    /** Every VMAC made ({@code +vrrp.51}) and removed ({@code -vrrp.51}), in order. */
    public List<String> vmacChanges() {
        return List.copyOf(vmacChanges);
    }

    private final VmacLinks vmacLinks = newVmacLinks();

    @Override
    public VmacLinks vmacs() {
        return vmacLinks;
    }

    /** VMACs as another daemon on this host sees them: it removes only those it made or took over. */
    public VmacLinks newVmacLinks() {
        Set<String> ours = ConcurrentHashMap.newKeySet();
        return new VmacLinks() {
            @Override
            public void create(Vmac v) {
                if (links.containsKey(v.name()) && !vmacsMade.containsKey(v.name())) {
                    throw new NetworkActionException("VMAC " + v.name() + " conflicts with existing interface " + v.name());
                }
                if (!links.getOrDefault(v.base(), true)) links.put(v.name(), false);
                else links.putIfAbsent(v.name(), true);
                if (vmacsMade.put(v.name(), v) == null) vmacChanges.add("+" + v.name());
                ours.add(v.name());
            }

            @Override
            public void remove(Vmac v) {
                if (!ours.remove(v.name()) || vmacsMade.remove(v.name()) == null) return;
                links.remove(v.name());
                vips.removeIf(x -> x.device().equals(v.name()));
                vmacChanges.add("-" + v.name());
            }
        };
    }

    @Override
    public Announcer announcer() {
        return (vip, count) -> {
            for (int i = 0; i < count; i++) announced.add(vip.address().getHostAddress());
        };
    }

    /** How scripts answer from now on (default: exit 0 at once); a future left open is a script still running. */
    public void answerScripts(java.util.function.Function<List<String>, CompletableFuture<Integer>> answers) {
        this.scriptAnswers = answers;
    }

    @Override
    public ScriptRunner scripts() {
        return scripts;
    }

    private final InMemoryScriptRunner scripts = new InMemoryScriptRunner();

    {
        scripts.answer(s -> {
            scriptsRun.add(s.argv());
            return scriptAnswers.apply(s.argv()).thenApply(code -> new ScriptOutcome.Exited(code, ""));
        });
    }

    @Override
    public LinkWatcher links() {
        return new LinkWatcher() {
            @Override
            public boolean isUp(String interfaceName) {
                return links.getOrDefault(interfaceName, true);
            }

            @Override
            public boolean multicastCapable(String interfaceName) {
                return !noMulticast.contains(interfaceName);
            }

            @Override
            public void onChange(BiConsumer<String, Boolean> listener) {
                linkListeners.add(listener);
            }

            @Override
            public void onRename(BiConsumer<String, String> listener) {
                renameListeners.add(listener);
            }

            @Override
            public void close() {
            }
        };
    }

    private final InMemoryFiles files = new InMemoryFiles();
    private final InMemoryProcesses processes = new InMemoryProcesses();

    @Override
    public InMemoryProcesses processes() {
        return processes;
    }

    @Override
    public InMemoryFiles files() {
        return files;
    }

    @Override
    public AddressWatcher addresses() {
        return new AddressWatcher() {
            @Override
            public boolean present(Vip vip) {
                return vips.contains(vip);
            }

            @Override
            public void onRemoved(java.util.function.Consumer<InetAddress> listener) {
                removedListeners.add(listener);
            }
        };
    }

    @Override
    public NotifyFifo openFifo(java.nio.file.Path path) {
        List<String> lines = fifoLines.computeIfAbsent(path.toString(), p -> new CopyOnWriteArrayList<>());
        return new NotifyFifo() {
            @Override
            public boolean write(String line) {
                return lines.add(line);
            }

            @Override
            public String name() {
                return path.toString();
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public Optional<InetAddress> primaryAddress(String interfaceName, IpFamily family) {
        return family == IpFamily.IPV4 ? Optional.of(address) : Optional.empty();
    }

    /** The SCHED_RR priorities the VRRP thread was raised to, in order (max_auto_priority). */
    public List<Integer> realtimeRaises() {
        return realtime.raises();
    }

    @Override
    public RealtimePriority realtime() {
        return realtime;
    }

    @Override
    public LongSupplier clock() {
        return System::nanoTime;
    }

}
