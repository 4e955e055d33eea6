package io.javalived.vrrp.config;

import io.javalived.parser.KeepalivedParser;
import io.javalived.parser.ParseOptions;
import io.javalived.vrrp.packet.IpFamily;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import io.javalived.scripts.ScriptPolicy;

/** Parses a config text written into a folder and maps it, on a host whose only address is 10.0.0.5 on eth0. */
final class MapperFixture {

    private MapperFixture() {
    }

    static VrrpPlan map(Path dir, String text) throws Exception {
        Path f = dir.resolve("keepalived.conf");
        Files.writeString(f, text);
        var parsed = KeepalivedParser.parse(f, new ParseOptions("lb01", "lb01"));
        // mapping logic only: scripts are not checked against this host's files and users (ScriptSecurityTest does that)
        return VrrpConfigMapper.map(parsed.config(), (ifname, fam) ->
                ifname.equals("eth0") && fam == IpFamily.IPV4 ? Optional.of(ip("10.0.0.5")) : Optional.empty(),
                ScriptPolicy.unchecked());
    }

    static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
