package io.javalived.ipvs;

import java.net.InetAddress;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A decorator that counts every call made to another driver, reads included, by operation, and keeps the
 * changing ones as text ({@code ADD_DESTINATION 10.0.0.7:80 w1 to TCP 10.0.0.3:80}). It also counts the calls
 * the driver refused (it threw: an {@link IpvsException} with the kernel's errno, or any other failure). It
 * proves what a caller really asks of the kernel (a reload of an unchanged configuration: nothing at all), and
 * the daemon publishes its counts as {@code javalived_ipvs_kernel_calls_total}. Thread-safe.
 */
public final class CountingIpvsDriver implements IpvsDriver {
    private final IpvsDriver inner;
    private final Map<IpvsOperation, AtomicLong> counts = new EnumMap<>(IpvsOperation.class);
    private final Map<IpvsOperation, AtomicLong> failures = new EnumMap<>(IpvsOperation.class);
    private final List<String> changes = new CopyOnWriteArrayList<>();

    public CountingIpvsDriver(IpvsDriver inner) {
        this.inner = inner;
        for (IpvsOperation op : IpvsOperation.values()) {
            counts.put(op, new AtomicLong());
            failures.put(op, new AtomicLong());
        }
    }

    /** Every call so far, reads included. */
    public long total() {
        return counts.values().stream().mapToLong(AtomicLong::get).sum();
    }

    public long count(IpvsOperation op) {
        return counts.get(op).get();
    }

    /** The calls of this operation that failed (the driver threw), counted in {@link #count(IpvsOperation)} too. */
    public long failures(IpvsOperation op) {
        return failures.get(op).get();
    }

    /** The changing calls so far, in order, as text. */
    public List<String> changes() {
        return List.copyOf(changes);
    }

    private <T> T call(IpvsOperation op, String change, Supplier<T> action) {
        counts.get(op).incrementAndGet();
        if (change != null) {
            changes.add(op + " " + change);
        }
        try {
            return action.get();
        } catch (RuntimeException e) {
            failures.get(op).incrementAndGet();
            throw e;
        }
    }

    private void run(IpvsOperation op, String change, Runnable action) {
        call(op, change, () -> {
            action.run();
            return null;
        });
    }

    @Override
    public IpvsInfo info() {
        return call(IpvsOperation.GET_INFO, null, inner::info);
    }

    @Override
    public Timeouts timeouts() {
        return call(IpvsOperation.GET_TIMEOUTS, null, inner::timeouts);
    }

    @Override
    public void setTimeouts(Timeouts timeouts) {
        run(IpvsOperation.SET_TIMEOUTS, timeouts.toString(), () -> inner.setTimeouts(timeouts));
    }

    @Override
    public List<ServiceEntry> services() {
        return call(IpvsOperation.LIST_SERVICES, null, inner::services);
    }

    @Override
    public Optional<ServiceEntry> service(ServiceKey key) {
        return call(IpvsOperation.GET_SERVICE, null, () -> inner.service(key));
    }

    @Override
    public void addService(VirtualService service) {
        run(IpvsOperation.ADD_SERVICE, service.key() + " " + service.scheduler(), () -> inner.addService(service));
    }

    @Override
    public void editService(VirtualService service) {
        run(IpvsOperation.EDIT_SERVICE, service.key() + " " + service.scheduler(), () -> inner.editService(service));
    }

    @Override
    public void deleteService(ServiceKey key) {
        run(IpvsOperation.DELETE_SERVICE, key.toString(), () -> inner.deleteService(key));
    }

    @Override
    public void flush() {
        run(IpvsOperation.FLUSH, "", inner::flush);
    }

    @Override
    public List<DestinationEntry> destinations(ServiceKey service) {
        return call(IpvsOperation.LIST_DESTINATIONS, null, () -> inner.destinations(service));
    }

    @Override
    public void addDestination(ServiceKey service, Destination destination) {
        run(IpvsOperation.ADD_DESTINATION, destination + " w" + destination.weight() + " to " + service,
                () -> inner.addDestination(service, destination));
    }

    @Override
    public void editDestination(ServiceKey service, Destination destination) {
        run(IpvsOperation.EDIT_DESTINATION, destination + " w" + destination.weight() + " in " + service,
                () -> inner.editDestination(service, destination));
    }

    @Override
    public void deleteDestination(ServiceKey service, InetAddress address, int port) {
        run(IpvsOperation.DELETE_DESTINATION, Addresses.withPort(address, port) + " from " + service,
                () -> inner.deleteDestination(service, address, port));
    }

    @Override
    public void zero() {
        run(IpvsOperation.ZERO, "all", inner::zero);
    }

    @Override
    public void zero(ServiceKey service) {
        run(IpvsOperation.ZERO, service.toString(), () -> inner.zero(service));
    }

    @Override
    public void startDaemon(SyncDaemon daemon) {
        run(IpvsOperation.START_DAEMON, daemon.toString(), () -> inner.startDaemon(daemon));
    }

    @Override
    public void stopDaemon(SyncState state) {
        run(IpvsOperation.STOP_DAEMON, state.label(), () -> inner.stopDaemon(state));
    }

    @Override
    public List<SyncDaemon> daemons() {
        return call(IpvsOperation.LIST_DAEMONS, null, inner::daemons);
    }

    @Override
    public void close() {
        inner.close();
    }
}
