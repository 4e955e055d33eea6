package io.javalived.healthcheck.lvs;

import io.javalived.ipvs.Destination;
import io.javalived.ipvs.DestinationEntry;
import io.javalived.ipvs.IpvsDriver;
import io.javalived.ipvs.IpvsException;
import io.javalived.ipvs.IpvsInfo;
import io.javalived.ipvs.IpvsOperation;
import io.javalived.ipvs.ServiceEntry;
import io.javalived.ipvs.ServiceKey;
import io.javalived.ipvs.SyncDaemon;
import io.javalived.ipvs.SyncState;
import io.javalived.ipvs.Timeouts;
import io.javalived.ipvs.VirtualService;
import io.javalived.ipvs.memory.InMemoryIpvsDriver;
import io.javalived.net.ffm.Errno;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import io.javalived.ipvs.Addresses;

/** The in-memory kernel, with every mutating call recorded and an optional outage (every call fails with EIO). */
final class RecordingDriver implements IpvsDriver {

    final InMemoryIpvsDriver kernel = new InMemoryIpvsDriver();
    final List<String> calls = new ArrayList<>();
    boolean broken;

    private void record(IpvsOperation op, String what) {
        calls.add(op + " " + what);
        if (broken) {
            throw new IpvsException(op, Errno.EIO, what);
        }
    }

    List<String> takeCalls() {
        List<String> c = List.copyOf(calls);
        calls.clear();
        return c;
    }

    @Override
    public IpvsInfo info() {
        return kernel.info();
    }

    @Override
    public Timeouts timeouts() {
        return kernel.timeouts();
    }

    @Override
    public void setTimeouts(Timeouts t) {
        record(IpvsOperation.SET_TIMEOUTS, t.toString());
        kernel.setTimeouts(t);
    }

    @Override
    public List<ServiceEntry> services() {
        return kernel.services();
    }

    @Override
    public Optional<ServiceEntry> service(ServiceKey key) {
        return kernel.service(key);
    }

    @Override
    public void addService(VirtualService s) {
        record(IpvsOperation.ADD_SERVICE, s.key().toString());
        kernel.addService(s);
    }

    @Override
    public void editService(VirtualService s) {
        record(IpvsOperation.EDIT_SERVICE, s.key().toString());
        kernel.editService(s);
    }

    @Override
    public void deleteService(ServiceKey key) {
        record(IpvsOperation.DELETE_SERVICE, key.toString());
        kernel.deleteService(key);
    }

    @Override
    public void flush() {
        record(IpvsOperation.FLUSH, "");
        kernel.flush();
    }

    @Override
    public List<DestinationEntry> destinations(ServiceKey service) {
        return kernel.destinations(service);
    }

    @Override
    public void addDestination(ServiceKey service, Destination d) {
        record(IpvsOperation.ADD_DESTINATION, d + " w" + d.weight());
        kernel.addDestination(service, d);
    }

    @Override
    public void editDestination(ServiceKey service, Destination d) {
        record(IpvsOperation.EDIT_DESTINATION, d + " w" + d.weight());
        kernel.editDestination(service, d);
    }

    @Override
    public void deleteDestination(ServiceKey service, InetAddress address, int port) {
        record(IpvsOperation.DELETE_DESTINATION, Addresses.withPort(address, port));
        kernel.deleteDestination(service, address, port);
    }

    @Override
    public void zero() {
        kernel.zero();
    }

    @Override
    public void zero(ServiceKey service) {
        kernel.zero(service);
    }

    @Override
    public void startDaemon(SyncDaemon daemon) {
        record(IpvsOperation.START_DAEMON, daemon.toString());
        kernel.startDaemon(daemon);
    }

    @Override
    public void stopDaemon(SyncState state) {
        record(IpvsOperation.STOP_DAEMON, state.label());
        kernel.stopDaemon(state);
    }

    @Override
    public List<SyncDaemon> daemons() {
        return kernel.daemons();
    }

    @Override
    public void close() {
        kernel.close();
    }
}
