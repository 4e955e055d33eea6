package io.javalived.net.rtnl;

/** rtnetlink numbers ({@code linux/rtnetlink.h}, {@code linux/if_link.h}, {@code linux/if_addr.h}, {@code linux/if.h}). */
public final class Rtnl {
    private Rtnl() {}

    public static final int RTM_NEWLINK = 16;
    public static final int RTM_DELLINK = 17;
    public static final int RTM_GETLINK = 18;
    public static final int RTM_NEWADDR = 20;
    public static final int RTM_DELADDR = 21;
    public static final int RTM_GETADDR = 22;

    public static final int IFLA_ADDRESS = 1;
    public static final int IFLA_BROADCAST = 2;
    public static final int IFLA_IFNAME = 3;
    public static final int IFLA_MTU = 4;
    public static final int IFLA_OPERSTATE = 16;

    public static final int IFA_ADDRESS = 1;
    public static final int IFA_LOCAL = 2;
    public static final int IFA_LABEL = 3;
    public static final int IFA_BROADCAST = 4;
    public static final int IFA_FLAGS = 8;

    public static final int IFF_UP = 0x1;
    public static final int IFF_BROADCAST = 0x2;
    public static final int IFF_LOOPBACK = 0x8;
    public static final int IFF_RUNNING = 0x40;
    public static final int IFF_MULTICAST = 0x1000;
    public static final int IFF_LOWER_UP = 0x10000;

    public static final int IFA_F_SECONDARY = 0x01;
    public static final int IFA_F_NODAD = 0x02;
    public static final int IFA_F_TENTATIVE = 0x40;
    public static final int IFA_F_PERMANENT = 0x80;

    /** Legacy multicast group bits for bind(): link and address changes. */
    public static final int RTMGRP_LINK = 0x1;
    public static final int RTMGRP_IPV4_IFADDR = 0x10;
    public static final int RTMGRP_IPV6_IFADDR = 0x100;

    public static final int IFINFOMSG_SIZE = 16;
    public static final int IFADDRMSG_SIZE = 8;

    // routes (linux/rtnetlink.h)
    public static final int RTM_NEWROUTE = 24;
    public static final int RTM_DELROUTE = 25;
    public static final int RTM_GETROUTE = 26;
    public static final int RTA_DST = 1;
    public static final int RTA_SRC = 2;
    public static final int RTA_OIF = 4;
    public static final int RTA_GATEWAY = 5;
    public static final int RTA_PRIORITY = 6;
    public static final int RTA_PREFSRC = 7;
    public static final int RTA_MULTIPATH = 9;
    public static final int RTA_TABLE = 15;
    public static final int RT_TABLE_UNSPEC = 0;
    public static final int RT_TABLE_DEFAULT = 253;
    public static final int RT_TABLE_MAIN = 254;
    public static final int RT_TABLE_LOCAL = 255;
    public static final int RTN_UNICAST = 1;
    public static final int RTN_LOCAL = 2;
    public static final int RTN_BROADCAST = 3;
    public static final int RTN_ANYCAST = 4;
    public static final int RTN_MULTICAST = 5;
    public static final int RTN_BLACKHOLE = 6;
    public static final int RTN_UNREACHABLE = 7;
    public static final int RTN_PROHIBIT = 8;
    public static final int RTN_THROW = 9;
    public static final int RTN_NAT = 10;
    public static final int RT_SCOPE_UNIVERSE = 0;
    public static final int RT_SCOPE_SITE = 200;
    public static final int RT_SCOPE_LINK = 253;
    public static final int RT_SCOPE_HOST = 254;
    public static final int RT_SCOPE_NOWHERE = 255;
    public static final int RTPROT_BOOT = 3;
    public static final int RTPROT_STATIC = 4;
    /** Routes keepalived adds carry this protocol unless the configuration names another. */
    public static final int RTPROT_KEEPALIVED = 18;
    public static final int RTNH_F_ONLINK = 4;

    // policy routing rules (linux/fib_rules.h)
    public static final int RTM_NEWRULE = 32;
    public static final int RTM_DELRULE = 33;
    public static final int RTM_GETRULE = 34;
    public static final int FRA_DST = 1;
    public static final int FRA_SRC = 2;
    public static final int FRA_IIFNAME = 3;
    public static final int FRA_GOTO = 4;
    public static final int FRA_PRIORITY = 6;
    public static final int FRA_FWMARK = 10;
    public static final int FRA_TABLE = 15;
    public static final int FRA_FWMASK = 16;
    public static final int FRA_OIFNAME = 17;
    public static final int FRA_PROTOCOL = 21;
    public static final int FR_ACT_TO_TBL = 1;
    public static final int FR_ACT_GOTO = 2;
    public static final int FR_ACT_NOP = 3;
    public static final int FR_ACT_BLACKHOLE = 6;
    public static final int FR_ACT_UNREACHABLE = 7;
    public static final int FR_ACT_PROHIBIT = 8;
    public static final int FIB_RULE_INVERT = 2;

    static String routeTypeName(int type) {
        return switch (type) {
            case RTN_UNICAST -> "unicast";
            case RTN_LOCAL -> "local";
            case RTN_BROADCAST -> "broadcast";
            case RTN_ANYCAST -> "anycast";
            case RTN_MULTICAST -> "multicast";
            case RTN_BLACKHOLE -> "blackhole";
            case RTN_UNREACHABLE -> "unreachable";
            case RTN_PROHIBIT -> "prohibit";
            case RTN_THROW -> "throw";
            case RTN_NAT -> "nat";
            default -> "type " + type;
        };
    }

    static String ruleActionName(int action) {
        return switch (action) {
            case FR_ACT_NOP -> "nop";
            case FR_ACT_BLACKHOLE -> "blackhole";
            case FR_ACT_UNREACHABLE -> "unreachable";
            case FR_ACT_PROHIBIT -> "prohibit";
            default -> "action " + action;
        };
    }

    static byte[] concat(byte[] header, byte[] attributes) {
        byte[] out = new byte[header.length + attributes.length];
        System.arraycopy(header, 0, out, 0, header.length);
        System.arraycopy(attributes, 0, out, header.length, attributes.length);
        return out;
    }
}
