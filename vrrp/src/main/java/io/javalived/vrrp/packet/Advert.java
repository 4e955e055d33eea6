package io.javalived.vrrp.packet;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * One VRRP advertisement (type 1), version 2 or 3, as its fields mean on the wire.
 *
 * @param version           2 or 3
 * @param family            the family of the addresses (v2 is IPv4 only)
 * @param vrid              virtual router id, 1..255 (0 is representable so received garbage decodes)
 * @param priority          0..255; 0 means the master is leaving, 255 the address owner
 * @param authType          v2 only; {@link AuthType#NONE} for v3
 * @param intervalCentis    advert interval in centiseconds; v2 carries whole seconds (so a multiple of
 *                          100, at most 25500), v3 carries 12 bits (at most 4095)
 * @param addresses         the virtual addresses in config order, at most 255, all of {@code family}
 * @param authData          v2 IPv4 only: the 8 trailing bytes; {@link AuthData#ZEROS} otherwise
 */
public record Advert(VrrpVersion version, IpFamily family, int vrid, int priority, AuthType authType,
                     int intervalCentis, List<InetAddress> addresses, AuthData authData) {

    public static final int TYPE_ADVERTISEMENT = 1;
    public static final int HEADER_LENGTH = 8;

    public Advert {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(authType, "authType");
        Objects.requireNonNull(authData, "authData");
        addresses = List.copyOf(addresses);
        if (vrid < 0 || vrid > 255) throw new IllegalArgumentException("vrid " + vrid + " outside 0..255");
        if (priority < 0 || priority > 255) throw new IllegalArgumentException("priority " + priority + " outside 0..255");
        if (addresses.size() > 255) throw new IllegalArgumentException(addresses.size() + " addresses; at most 255 fit");
        for (InetAddress a : addresses) {
            if (!family.holds(a)) throw new IllegalArgumentException("address " + a.getHostAddress() + " is not " + family);
        }
        if (version == VrrpVersion.V2) {
            if (family != IpFamily.IPV4) throw new IllegalArgumentException("VRRPv2 is IPv4 only");
            if (intervalCentis % 100 != 0 || intervalCentis < 0 || intervalCentis > 25500) {
                throw new IllegalArgumentException("v2 interval " + intervalCentis + " cs is not whole seconds in 0..255");
            }
        } else {
            if (intervalCentis < 0 || intervalCentis > 0xfff) {
                throw new IllegalArgumentException("v3 interval " + intervalCentis + " cs outside 0..4095");
            }
            if (authType != AuthType.NONE) throw new IllegalArgumentException("VRRPv3 has no authentication");
            if (!authData.equals(AuthData.ZEROS)) throw new IllegalArgumentException("VRRPv3 has no authentication data");
        }
    }

    /** A v2 IPv4 advert. */
    public static Advert v2(int vrid, int priority, AuthType auth, AuthData authData, int intervalSeconds, List<InetAddress> vips) {
        return new Advert(VrrpVersion.V2, IpFamily.IPV4, vrid, priority, auth, intervalSeconds * 100, vips, authData);
    }

    /** A v3 advert of the given family. */
    public static Advert v3(IpFamily family, int vrid, int priority, int intervalCentis, List<InetAddress> vips) {
        return new Advert(VrrpVersion.V3, family, vrid, priority, AuthType.NONE, intervalCentis, vips, AuthData.ZEROS);
    }

    /** Whether the 8 authentication bytes follow the addresses (v2 over IPv4). */
    public boolean carriesAuthData() {
        return version == VrrpVersion.V2 && family == IpFamily.IPV4;
    }

    /** Length of the VRRP message: 8 + N x address length (+ 8 for v2 IPv4). */
    public int length() {
        return expectedLength(version, family, addresses.size());
    }

    public static int expectedLength(VrrpVersion version, IpFamily family, int count) {
        int n = HEADER_LENGTH + count * family.addressLength();
        return version == VrrpVersion.V2 && family == IpFamily.IPV4 ? n + AuthData.LENGTH : n;
    }

    public Advert withPriority(int p) {
        return new Advert(version, family, vrid, p, authType, intervalCentis, addresses, authData);
    }
}
