package io.javalived.vrrp.config;

import io.javalived.parser.model.InetFamily;
import io.javalived.parser.model.KeepalivedConfig;
import io.javalived.parser.model.RawValue;
import io.javalived.parser.model.VirtualIpAddress;
import io.javalived.parser.model.VrrpInstance;
import io.javalived.vrrp.packet.IpFamily;
import io.javalived.vrrp.runtime.Vmac;
import io.javalived.vrrp.runtime.Vmacs;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * keepalived 2.2.7's VMAC rules for one configuration: {@code use_vmac [NAME|MAC]}, {@code vmac_xmit_base},
 * {@code use_vmac_addr}, a VIP's {@code use_vmac}, {@code vmac_prefix} / {@code vmac_addr_prefix}. Names are
 * unique across the instances (a given name first, then {@code PREFIX.VRID}, for IPv6 {@code PREFIX6.VRID}, then
 * {@code PREFIX1.VRID}...); the MAC is 00:00:5e:00:01:VRID (IPv6 :02:) unless given; VIPs with no {@code dev}, or
 * the instance's interface, of the instance's family go on the instance's VMAC; with {@code use_vmac_addr} (or
 * {@code use_vmac} on the VIP) the others get a VMAC of their own on their interface. keepalived's corrections
 * (unicast forces vmac_xmit_base, strict mode clears it) are reported as it words them.
 */
final class VmacPlanner {
    /** The VMACs of one instance and the interface each of its VIPs goes on. */
    record Plan(Vmacs vmacs, Map<VirtualIpAddress, String> devices) {
        String device(VirtualIpAddress v, String ifname) {
            return devices.getOrDefault(v, v.device().orElse(ifname));
        }
    }

    private final KeepalivedConfig cfg;
    private final Set<String> used = new LinkedHashSet<>();
    private final Map<String, String> given = new HashMap<>();
    private final List<String> nameProblems = new ArrayList<>();

    VmacPlanner(KeepalivedConfig cfg) {
        this.cfg = cfg;
        for (VrrpInstance i : cfg.vrrpInstances()) {
            if (!i.useVmac() || i.vmacName().isEmpty() || i.vmacName().get().contains(":")) continue;
            String name = i.vmacName().get();
            if (!validName(name)) {
                nameProblems.add(i.location() + ": (" + i.name() + ") VMAC interface name '" + name
                        + "' too long or invalid characters - ignoring");
            } else if (!used.add(name)) {
                String owner = given.entrySet().stream().filter(e -> e.getValue().equals(name)).map(Map.Entry::getKey)
                        .findFirst().orElse("?");
                nameProblems.add(i.location() + ": (" + i.name() + ") VRRP instance " + owner + " is already using "
                        + name + " - ignoring name");
            } else {
                given.put(i.name(), name);
            }
        }
    }

    /** Problems with given names (reported once for the configuration). */
    List<String> nameProblems() {
        return List.copyOf(nameProblems);
    }

    /** The kernel's rule for an interface name (dev_valid_name): 1..15 characters, no '/', ':' or space, not . or .. */
    static boolean validName(String name) {
        return !name.isEmpty() && name.length() < 16 && !name.equals(".") && !name.equals("..")
                && name.chars().noneMatch(c -> c == '/' || c == ':' || Character.isWhitespace(c));
    }

    /**
     * @param source  the adverts' source (an IPv6 VMAC that sends them gets it as its link-local address)
     * @param lookup  the base interfaces' link-local addresses, for VMACs made for IPv6 VIPs
     */
    Plan plan(VrrpInstance i, String ifname, IpFamily family, InetAddress source,
              VrrpConfigMapper.AddressLookup lookup, List<String> problems) {
        String at = i.location() + ": (" + i.name() + ") ";
        boolean xmitBase = raw(i, "vmac_xmit_base");
        boolean vmacAddr = raw(i, "use_vmac_addr");
        Optional<byte[]> givenMac = i.useVmac() ? i.vmacName().filter(n -> n.contains(":")).flatMap(m -> mac(m, at, problems))
                : Optional.empty();
        if (i.useVmac() && i.isUnicast() && !xmitBase) {
            problems.add(at + "unicast with use_vmac requires vmac_xmit_base - setting");
            xmitBase = true;
        }
        if (i.useVmac() && i.strictMode() && xmitBase) {
            problems.add(at + "xmit_base is incompatible with strict mode - resetting");
            xmitBase = false;
        }
        if (!i.useVmac() && xmitBase) {
            problems.add(at + "vmac_xmit_base is only valid with a vmac");
            xmitBase = false;
        }
        if (!i.useVmac() && !vmacAddr && i.virtualIpAddresses().stream().noneMatch(VmacPlanner::vipUseVmac)
                && i.excludedVirtualIpAddresses().stream().noneMatch(VmacPlanner::vipUseVmac)) {
            return new Plan(Vmacs.NONE, Map.of());
        }
        int vrid = i.virtualRouterId();
        Optional<Vmac> own = Optional.empty();
        if (i.useVmac()) {
            String name = given.computeIfAbsent(i.name(), n -> fresh(cfg.globalDefs().vmacPrefix(), vrid, family));
            own = Optional.of(new Vmac(name, ifname, macFor(givenMac, vrid, family), family,
                    family == IpFamily.IPV6 && !xmitBase ? Optional.of(source) : Optional.empty()));
        }
        Map<VirtualIpAddress, String> devices = new HashMap<>();
        Map<String, Vmac> extra = new LinkedHashMap<>();
        List<VirtualIpAddress> all = new ArrayList<>(i.virtualIpAddresses());
        all.addAll(i.excludedVirtualIpAddresses());
        String addrPrefix = cfg.globalDefs().other().stream().filter(v -> v.keyword().equals("vmac_addr_prefix"))
                .reduce((a, b) -> b).filter(v -> !v.args().isEmpty()).map(v -> v.args().getFirst())
                .orElse(cfg.globalDefs().vmacPrefix());
        for (VirtualIpAddress v : all) {
            IpFamily vf = v.family() == InetFamily.INET6 ? IpFamily.IPV6 : IpFamily.IPV4;
            boolean sameFamily = vf == family;
            boolean onInstanceIf = v.device().isEmpty() || v.device().get().equals(ifname);
            boolean useVmac = vipUseVmac(v);
            String vip = v.address().getHostAddress();
            if (useVmac) {
                useVmac = false;
                if (onInstanceIf && i.useVmac() && sameFamily) {
                    problems.add(at + "use_vmac specified for VIP/eVIP " + vip + " and vrrp instance");
                } else if ((!onInstanceIf || !sameFamily) && vmacAddr) {
                    problems.add(at + "use_vmac_addr specified and use_vmac specified for VIP/eVIP " + vip);
                } else {
                    useVmac = true;
                }
            }
            String base;
            if (onInstanceIf) {
                if (own.isPresent() && sameFamily) {
                    devices.put(v, own.get().name());
                    continue;
                }
                base = ifname;
                if (!(useVmac || (vmacAddr && !sameFamily))) continue;
            } else {
                base = v.device().get();
                if (!(useVmac || vmacAddr)) continue;
            }
            Vmac x = extra.computeIfAbsent(base + "|" + vf, k -> new Vmac(fresh(addrPrefix, vrid, vf), base,
                    macFor(givenMac, vrid, vf), vf, vf == IpFamily.IPV6 ? lookup.primaryAddress(base, IpFamily.IPV6)
                    : Optional.empty()));
            devices.put(v, x.name());
        }
        return new Plan(new Vmacs(own, List.copyOf(extra.values()), xmitBase), devices);
    }

    private static boolean vipUseVmac(VirtualIpAddress v) {
        return v.otherOptions().contains("use_vmac");
    }

    private static boolean raw(VrrpInstance i, String keyword) {
        return i.other().stream().map(RawValue::keyword).anyMatch(keyword::equals);
    }

    /** keepalived's create_vmac_name: PREFIX.VRID, for IPv6 then PREFIX6.VRID, then PREFIX1.VRID, PREFIX2.VRID... */
    private String fresh(String prefix, int vrid, IpFamily family) {
        String name = fit(prefix, "", vrid);
        int num = 0;
        while (!used.add(name)) {
            if (family == IpFamily.IPV6) {
                num = num == 0 ? 6 : num == 6 ? 1 : num + 1 == 6 ? 7 : num + 1;
            } else {
                num++;
            }
            name = fit(prefix, Integer.toString(num), vrid);
        }
        return name;
    }

    private static String fit(String prefix, String num, int vrid) {
        String tail = num + "." + vrid;
        String p = prefix.length() + tail.length() > 15 ? prefix.substring(0, Math.max(0, 15 - tail.length())) : prefix;
        return p + tail;
    }

    private static String macFor(Optional<byte[]> given, int vrid, IpFamily family) {
        if (given.isEmpty()) return Vmac.standardMac(vrid, family);
        byte[] m = given.get().clone();
        if (m.length == 5) {
            m = java.util.Arrays.copyOf(m, 6);
            m[5] = (byte) vrid;
        }
        return java.util.HexFormat.ofDelimiter(":").formatHex(m);
    }

    /**
     * A MAC given to use_vmac, as keepalived reads it: six hex octets, or five (the sixth is the VRID); not multicast,
     * not the RFC 5798 range. Empty (with keepalived's message) otherwise.
     */
    private static Optional<byte[]> mac(String text, String at, List<String> problems) {
        String[] parts = text.endsWith(":") ? text.substring(0, text.length() - 1).split(":", -1) : text.split(":", -1);
        if (!text.matches("[0-9A-Fa-f:]+")) {
            problems.add(at + "VMAC invalid MAC address " + text);
            return Optional.empty();
        }
        if (parts.length < 5 || parts.length > 6) {
            problems.add(at + "VMAC invalid MAC address " + text + " - ignored");
            return Optional.empty();
        }
        byte[] m = new byte[parts.length];
        for (int k = 0; k < parts.length; k++) {
            if (parts[k].isEmpty() || parts[k].length() > 2) {
                problems.add(at + "VMAC invalid MAC address " + text + " - ignored");
                return Optional.empty();
            }
            m[k] = (byte) Integer.parseInt(parts[k], 16);
        }
        if ((m[0] & 1) != 0) {
            problems.add(at + "VMAC MAC address is multicast " + text + " - ignoring");
            return Optional.empty();
        }
        if (m[0] == 0 && m[1] == 0 && m[2] == 0x5e && m[3] == 0 && (m[4] == 1 || m[4] == 2)) {
            problems.add(at + "VMAC MAC address not allowed to be RFC5798 address (" + text + ") - ignoring");
            return Optional.empty();
        }
        return Optional.of(m);
    }
}
