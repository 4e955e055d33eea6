package io.javalived.vrrp.state;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * One virtual address as rtnetlink adds it: {@code ip addr add ADDRESS/PREFIX [brd B] [peer P] dev DEV
 * [label L] scope S}.
 *
 * @param scope rtnetlink scope number: 0 global, 200 site, 253 link, 254 host, 255 nowhere
 */
public record Vip(InetAddress address, int prefixLength, String device, Optional<String> label, int scope,
                  Optional<InetAddress> broadcast, Optional<InetAddress> peer) {
    public static final int SCOPE_GLOBAL = 0;
    public static final int SCOPE_SITE = 200;
    public static final int SCOPE_LINK = 253;
    public static final int SCOPE_HOST = 254;
    public static final int SCOPE_NOWHERE = 255;

    public Vip {
        Objects.requireNonNull(address);
        Objects.requireNonNull(device);
        int max = address.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > max) {
            throw new IllegalArgumentException(address.getHostAddress() + "/" + prefixLength + ": prefix outside 0.." + max);
        }
    }

    public static Vip of(InetAddress address, int prefix, String device) {
        return new Vip(address, prefix, device, Optional.empty(), SCOPE_GLOBAL, Optional.empty(), Optional.empty());
    }

    /** keepalived's scope words; a number is taken as is. */
    public static int scopeNumber(String word) {
        return switch (word) {
            case "global", "universe" -> SCOPE_GLOBAL;
            case "site" -> SCOPE_SITE;
            case "link" -> SCOPE_LINK;
            case "host" -> SCOPE_HOST;
            case "nowhere" -> SCOPE_NOWHERE;
            default -> {
                try {
                    int n = Integer.parseInt(word);
                    if (n < 0 || n > 255) throw new IllegalArgumentException("scope " + word + " outside 0..255");
                    yield n;
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("unknown scope '" + word + "'");
                }
            }
        };
    }

    @Override
    public String toString() {
        return address.getHostAddress() + "/" + prefixLength + " dev " + device + label.map(l -> " label " + l).orElse("");
    }
}
