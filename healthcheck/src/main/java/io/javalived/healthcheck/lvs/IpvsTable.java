package io.javalived.healthcheck.lvs;

import io.javalived.ipvs.Destination;
import io.javalived.ipvs.ServiceKey;
import io.javalived.ipvs.VirtualService;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A picture of (our part of) the kernel's IPVS table: services and their destinations, keyed as the
 * kernel keys them. The reconciler keeps one for what it wants and one for what it installed, and
 * {@link #changesTo} gives the fewest calls that turn one into the other.
 */
public final class IpvsTable {

    /** A destination's identity within its service. */
    public record DestinationKey(InetAddress address, int port) {
        static DestinationKey of(Destination d) {
            return new DestinationKey(d.address(), d.port());
        }
    }

    private final Map<ServiceKey, VirtualService> services = new LinkedHashMap<>();
    private final Map<ServiceKey, Map<DestinationKey, Destination>> destinations = new LinkedHashMap<>();

    public IpvsTable copy() {
        IpvsTable t = new IpvsTable();
        t.services.putAll(services);
        destinations.forEach((k, v) -> t.destinations.put(k, new LinkedHashMap<>(v)));
        return t;
    }

    public void putService(VirtualService s) {
        services.put(s.key(), s);
        destinations.computeIfAbsent(s.key(), k -> new LinkedHashMap<>());
    }

    public void removeService(ServiceKey key) {
        services.remove(key);
        destinations.remove(key);
    }

    public void putDestination(ServiceKey key, Destination d) {
        Destination normalized = d.normalizedFor(key);
        destinations.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(DestinationKey.of(normalized), normalized);
    }

    public void removeDestination(ServiceKey key, Destination d) {
        Map<DestinationKey, Destination> ds = destinations.get(key);
        if (ds != null) {
            ds.remove(DestinationKey.of(d.normalizedFor(key)));
        }
    }

    public Map<ServiceKey, VirtualService> services() {
        return services;
    }

    public Map<DestinationKey, Destination> destinations(ServiceKey key) {
        return destinations.getOrDefault(key, Map.of());
    }

    public boolean isEmpty() {
        return services.isEmpty();
    }

    /**
     * The calls that turn {@code this} (installed) into {@code wanted}, in a safe order: services added or
     * edited first, then destinations removed (so a sorry server never shares the table with the real
     * servers it replaces), then added or edited, then services deleted.
     */
    public List<IpvsChange> changesTo(IpvsTable wanted) {
        List<IpvsChange> addServices = new ArrayList<>();
        List<IpvsChange> removeDests = new ArrayList<>();
        List<IpvsChange> addDests = new ArrayList<>();
        List<IpvsChange> removeServices = new ArrayList<>();
        for (VirtualService s : wanted.services.values()) {
            VirtualService have = services.get(s.key());
            if (have == null) {
                addServices.add(new IpvsChange.AddService(s));
            } else if (!have.equals(s)) {
                addServices.add(new IpvsChange.EditService(s));
            }
        }
        for (var e : destinations.entrySet()) {
            if (!wanted.services.containsKey(e.getKey())) {
                continue; // deleting the service removes them
            }
            Map<DestinationKey, Destination> want = wanted.destinations(e.getKey());
            for (Destination d : e.getValue().values()) {
                if (!want.containsKey(DestinationKey.of(d))) {
                    removeDests.add(new IpvsChange.DeleteDestination(e.getKey(), d));
                }
            }
        }
        for (ServiceKey key : wanted.services.keySet()) {
            Map<DestinationKey, Destination> have = destinations(key);
            for (Destination d : wanted.destinations(key).values()) {
                Destination existing = have.get(DestinationKey.of(d));
                if (existing == null) {
                    addDests.add(new IpvsChange.AddDestination(key, d));
                } else if (!Objects.equals(existing, d)) {
                    addDests.add(new IpvsChange.EditDestination(key, d));
                }
            }
        }
        for (ServiceKey key : services.keySet()) {
            if (!wanted.services.containsKey(key)) {
                removeServices.add(new IpvsChange.DeleteService(key));
            }
        }
        List<IpvsChange> all = new ArrayList<>(addServices);
        all.addAll(removeDests);
        all.addAll(addDests);
        all.addAll(removeServices);
        return all;
    }

    /** Records a change as done. */
    public void apply(IpvsChange change) {
        switch (change) {
            case IpvsChange.AddService a -> putService(a.virtualService());
            case IpvsChange.EditService e -> services.put(e.virtualService().key(), e.virtualService());
            case IpvsChange.DeleteService d -> removeService(d.service());
            case IpvsChange.AddDestination a -> putDestination(a.service(), a.destination());
            case IpvsChange.EditDestination e -> putDestination(e.service(), e.destination());
            case IpvsChange.DeleteDestination d -> removeDestination(d.service(), d.destination());
        }
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        services.forEach((k, s) -> {
            b.append(k).append(' ').append(s.scheduler()).append('\n');
            destinations(k).values().forEach(d -> b.append("  -> ").append(d).append(' ').append(d.forwarding())
                    .append(" weight ").append(d.weight()).append('\n'));
        });
        return b.toString();
    }
}
