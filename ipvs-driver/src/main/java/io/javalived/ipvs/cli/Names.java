package io.javalived.ipvs.cli;

import io.javalived.ipvs.Addresses;
import io.javalived.ipvs.Protocol;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Host and service names for ipvsadm's non-numeric output and its arguments: reverse and forward host
 * lookups through the system resolver, service names from /etc/services (first match in file order,
 * as getservbyport/getservbyname). {@link #NONE} knows no names at all (a test seam).
 */
public interface Names {

    /** The host name of an address, or null when it has none. */
    String hostName(InetAddress address);

    /** The IPv4 address of a host name, or null. */
    Inet4Address hostAddress(String name);

    /** The service name of a port for a protocol, or null. */
    String serviceName(int port, Protocol protocol);

    /** The port of a service name for a protocol, or -1. */
    int servicePort(String name, Protocol protocol);

    Names NONE = new Names() {
        @Override
        public String hostName(InetAddress address) {
            return null;
        }

        @Override
        public Inet4Address hostAddress(String name) {
            return null;
        }

        @Override
        public String serviceName(int port, Protocol protocol) {
            return null;
        }

        @Override
        public int servicePort(String name, Protocol protocol) {
            return -1;
        }
    };

    /** The system's resolver and the given services file (normally /etc/services). */
    static Names system(Path servicesFile) {
        return new SystemNames(servicesFile);
    }

    final class SystemNames implements Names {
        private record Service(String name, List<String> aliases, int port, String protocol) {}

        private final Path servicesFile;
        private List<Service> services;

        SystemNames(Path servicesFile) {
            this.servicesFile = servicesFile;
        }

        private synchronized List<Service> services() {
            if (services == null) {
                List<Service> list = new ArrayList<>();
                try {
                    for (String line : Files.readAllLines(servicesFile)) {
                        int hash = line.indexOf('#');
                        String l = (hash >= 0 ? line.substring(0, hash) : line).trim();
                        if (l.isEmpty()) {
                            continue;
                        }
                        String[] f = l.split("\\s+");
                        if (f.length < 2 || f[1].indexOf('/') < 0) {
                            continue;
                        }
                        String[] pp = f[1].split("/", 2);
                        try {
                            list.add(new Service(f[0], List.of(f).subList(2, f.length), Integer.parseInt(pp[0]),
                                    pp[1].toLowerCase(Locale.ROOT)));
                        } catch (NumberFormatException ignored) {
                            // not a service line
                        }
                    }
                } catch (IOException e) {
                    // no services file: no names
                }
                services = list;
            }
            return services;
        }

        private static String proto(Protocol p) {
            return p.name().toLowerCase(Locale.ROOT);
        }

        @Override
        public String hostName(InetAddress address) {
            try {
                InetAddress plain = InetAddress.getByAddress(address.getAddress());
                String name = plain.getHostName();
                return name.equals(plain.getHostAddress()) || name.equals(Addresses.toText(address)) ? null : name;
            } catch (UnknownHostException e) {
                return null;
            }
        }

        @Override
        public Inet4Address hostAddress(String name) {
            try {
                for (InetAddress a : InetAddress.getAllByName(name)) {
                    if (a instanceof Inet4Address v4) {
                        return v4;
                    }
                }
            } catch (UnknownHostException e) {
                return null;
            }
            return null;
        }

        @Override
        public String serviceName(int port, Protocol protocol) {
            for (Service s : services()) {
                if (s.port == port && s.protocol.equals(proto(protocol))) {
                    return s.name;
                }
            }
            return null;
        }

        @Override
        public int servicePort(String name, Protocol protocol) {
            for (Service s : services()) {
                if (s.protocol.equals(proto(protocol)) && (s.name.equals(name) || s.aliases.contains(name))) {
                    return s.port;
                }
            }
            return -1;
        }
    }
}
