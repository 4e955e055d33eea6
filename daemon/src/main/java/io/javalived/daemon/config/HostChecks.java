package io.javalived.daemon.config;

import io.javalived.parser.diag.Diagnostic;
import io.javalived.parser.diag.DiagnosticCode;
import io.javalived.parser.diag.Severity;
import io.javalived.parser.model.KeepalivedConfig;
import io.javalived.parser.model.TrackedInterface;
import io.javalived.parser.model.VirtualIpAddress;
import io.javalived.parser.model.VrrpInstance;
import io.javalived.parser.model.VrrpSyncGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import io.javalived.parser.model.SourceLocation;

/**
 * What {@code -t} checks against this host, as keepalived 2.2.7's {@code -t} does, in its words (WARNING KA500;
 * exit 5): an instance's interface, a tracked interface and a VIP's {@code dev} that do not exist, then its
 * closing line "Non-existent interface specified in configuration". {@code --no-host-checks} skips them (a file
 * tested on a build machine). Interfaces are read through rtnetlink ({@link HostInterfaces#netlink()}).
 */
public final class HostChecks {
    private HostChecks() {}

    /** The closing line: in keepalived 2.2.7 the VRRP side stops here, before it checks its scripts. */
    public static final String NON_EXISTENT = "Non-existent interface specified in configuration";

    /** Whether these diagnostics hold the closing line: keepalived's VRRP side would stop before its script checks. */
    public static boolean stopsVrrp(List<Diagnostic> diagnostics) {
        return diagnostics.stream().anyMatch(d -> d.code() == DiagnosticCode.NO_SUCH_INTERFACE
                && d.severity() == Severity.WARNING && d.message().equals(NON_EXISTENT));
    }

    /** The host checks of {@code -t}; one INFO diagnostic instead when the host's interfaces cannot be read. */
    public static List<Diagnostic> check(KeepalivedConfig config, HostInterfaces host) {
        Set<String> names;
        try {
            names = host.names();
        } catch (RuntimeException e) {
            return List.of(new Diagnostic(Optional.empty(), Severity.INFO, DiagnosticCode.NO_SUCH_INTERFACE,
                    "This host's interfaces cannot be read (" + e.getMessage() + "); interfaces not checked"));
        }
        return interfaces(config, names);
    }

    static List<Diagnostic> interfaces(KeepalivedConfig config, Set<String> names) {
        List<Diagnostic> out = new ArrayList<>();
        for (VrrpInstance i : config.vrrpInstances()) {
            i.interfaceName().filter(n -> !names.contains(n)).ifPresent(n -> out.add(warn(
                    i.keywordLocations().of("interface").orElse(i.location()),
                    "WARNING - interface " + n + " for vrrp_instance " + i.name() + " doesn't exist")));
            tracked(i.name(), i.trackInterfaces(), names, out);
            for (VirtualIpAddress v : vips(i)) {
                // a VIP without dev takes the instance's interface (already reported): only a dev of its own is checked
                v.device().filter(d -> !names.contains(d) && !i.interfaceName().equals(Optional.of(d))).ifPresent(d -> out.add(warn(v.location(),
                        "WARNING - interface " + d + " for ip address " + v.address().getHostAddress() + " doesn't exist")));
            }
        }
        for (VrrpSyncGroup g : config.vrrpSyncGroups()) {
            tracked(g.name(), g.trackInterfaces(), names, out);
        }
        if (!out.isEmpty()) {
            out.add(new Diagnostic(Optional.empty(), Severity.WARNING, DiagnosticCode.NO_SUCH_INTERFACE,
                    NON_EXISTENT));
        }
        return out;
    }

    private static void tracked(String owner, List<TrackedInterface> tracked, Set<String> names, List<Diagnostic> out) {
        for (TrackedInterface t : tracked) {
            if (!names.contains(t.name())) {
                out.add(warn(t.location(), "(" + owner + ") tracked interface " + t.name() + " doesn't exist"));
            }
        }
    }

    private static List<VirtualIpAddress> vips(VrrpInstance i) {
        List<VirtualIpAddress> all = new ArrayList<>(i.virtualIpAddresses());
        all.addAll(i.excludedVirtualIpAddresses());
        return all;
    }

    private static Diagnostic warn(SourceLocation at, String message) {
        return Diagnostic.at(at, Severity.WARNING, DiagnosticCode.NO_SUCH_INTERFACE, message);
    }
}
