package io.javalived.parser.model;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * One {@code virtual_ipaddress} (or {@code virtual_ipaddress_excluded}, or {@code static_ipaddress}) line:
 * {@code IP[/len] [brd X] [dev IF] [scope S] [label L] [peer IP] [no_track] ...}.
 *
 * @param prefixLength   default 32 for IPv4, 128 for IPv6
 * @param device         {@code dev IF}; default: the instance's {@code interface} (resolved)
 * @param scope          {@code scope global|host|link|site|nowhere|NUMBER}, default global
 * @param otherOptions   recognised options the product does not use ({@code home}, {@code -nodad},
 *                       {@code use_vmac}, {@code preferred_lft N}...), as written
 */
public record VirtualIpAddress(InetAddress address, int prefixLength, Optional<InetAddress> broadcast,
                               Optional<String> device, Optional<String> label, String scope,
                               Optional<InetAddress> peer, boolean noTrack, List<String> otherOptions,
                               SourceLocation location) {
    public VirtualIpAddress {
        otherOptions = List.copyOf(otherOptions);
    }

    public InetFamily family() {
        return InetFamily.of(address);
    }
}
