package io.javalived.ipvs;

import java.net.InetAddress;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A decorator that counts every call made to another driver, reads included, by operation, and keeps the
 * changing ones as text ({@code ADD_DESTINATION 10.0.0.7:80 w1 to TCP 10.0.0.3:80}). It proves what a caller
 * really asks of the kernel (a reload of an unchanged configuration: nothing at all). Thread-safe.
 */
public final class CountingIpvsDriver implements IpvsDriver {
    private final IpvsDriver inner;
    private final Map<IpvsOperation, AtomicLong> counts = new EnumMap<>(IpvsOperation.class);
    private final List<String> changes = new CopyOnWriteArrayList<>();

    public CountingIpvsDriver(IpvsDriver inner) {
        this.inner = inner;
        for (IpvsOperation op : IpvsOperation.values()) {
            counts.put(op, new AtomicLong());
        }
    }

    /** Every call so far, reads included. */
    public long total() {
        return counts.values().stream().mapToLong(AtomicLong::get).sum();
    }

    public long count(IpvsOperation op) {
        return counts.get(op).get();
    }

    /** The changing calls so far, in order, as text. */
    public List<String> changes() {
        return List.copyOf(changes);
    }

    private void count(IpvsOperation op, String change) {
        counts.get(op).incrementAndGet();
        if (change != null) {
            changes.add(op + " " + change);
        }
    }

    @Override
    public IpvsInfo info() {
        count(IpvsOperation.GET_INFO, null);
        return inner.info();
    }

    @Override
    public Timeouts timeouts() {
        count(IpvsOperation.GET_TIMEOUTS, null);
        return inner.timeouts();
    }

    @Override
    public void setTimeouts(Timeouts timeouts) {
        count(IpvsOperation.SET_TIMEOUTS, timeouts.toString());
        inner.setTimeouts(timeouts);
    }

    @Override
    public List<ServiceEntry> services() {
        count(IpvsOperation.LIST_SERVICES, null);
        return inner.services();
    }

    @Override
    public Optional<ServiceEntry> service(ServiceKey key) {
        count(IpvsOperation.GET_SERVICE, null);
        return inner.service(key);
    }

    @Override
    public void addService(VirtualService service) {
        count(IpvsOperation.ADD_SERVICE, service.key() + " " + service.scheduler());
        inner.addService(service);
    }

    @Override
    public void editService(VirtualService service) {
        count(IpvsOperation.EDIT_SERVICE, service.key() + " " + service.scheduler());
        inner.editService(service);
    }

    @Override
    public void deleteService(ServiceKey key) {
        count(IpvsOperation.DELETE_SERVICE, key.toString());
        inner.deleteService(key);
    }

    @Override
    public void flush() {
        count(IpvsOperation.FLUSH, "");
        inner.flush();
    }

    @Override
    public List<DestinationEntry> destinations(ServiceKey service) {
        count(IpvsOperation.LIST_DESTINATIONS, null);
        return inner.destinations(service);
    }

    @Override
    public void addDestination(ServiceKey service, Destination destination) {
        count(IpvsOperation.ADD_DESTINATION, destination + " w" + destination.weight() + " to " + service);
        inner.addDestination(service, destination);
    }

    @Override
    public void editDestination(ServiceKey service, Destination destination) {
        count(IpvsOperation.EDIT_DESTINATION, destination + " w" + destination.weight() + " in " + service);
        inner.editDestination(service, destination);
    }

    @Override
    public void deleteDestination(ServiceKey service, InetAddress address, int port) {
        count(IpvsOperation.DELETE_DESTINATION, Addresses.withPort(address, port) + " from " + service);
        inner.deleteDestination(service, address, port);
    }

    @Override
    public void zero() {
        count(IpvsOperation.ZERO, "all");
        inner.zero();
    }

    @Override
    public void zero(ServiceKey service) {
        count(IpvsOperation.ZERO, service.toString());
        inner.zero(service);
    }

    @Override
    public void close() {
        inner.close();
    }
}
