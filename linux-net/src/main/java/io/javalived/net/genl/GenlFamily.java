package io.javalived.net.genl;

import java.util.Map;

/** A resolved generic netlink family: its dynamic id, version, header size, max attribute and multicast groups. */
public record GenlFamily(String name, int id, int version, int headerSize, int maxAttribute,
                         Map<String, Integer> multicastGroups) {
    public GenlFamily {
        multicastGroups = Map.copyOf(multicastGroups);
    }
}
