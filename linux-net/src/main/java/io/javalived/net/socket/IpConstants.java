package io.javalived.net.socket;

/** IP-level socket options and flags ({@code linux/in.h}, {@code linux/in6.h}, {@code bits/socket.h}). */
public final class IpConstants {
    private IpConstants() {}

    public static final int IPPROTO_IP = 0;
    public static final int IPPROTO_IPV6 = 41;
    public static final int IPPROTO_ICMP = 1;
    public static final int IPPROTO_ICMPV6 = 58;
    public static final int IPPROTO_VRRP = 112;
    /** IPsec Authentication Header. */
    public static final int IPPROTO_AH = 51;

    /** Raw ICMP sockets: SOL_RAW level and its ICMP_FILTER option (linux/icmp.h); ICMP6_FILTER (linux/icmpv6.h). */
    public static final int SOL_RAW = 255;
    public static final int ICMP_FILTER = 1;
    public static final int ICMP6_FILTER = 1;

    public static final int IP_TOS = 1;
    public static final int IP_TTL = 2;
    public static final int IP_HDRINCL = 3;
    public static final int IP_MTU_DISCOVER = 10;
    public static final int IP_MULTICAST_IF = 32;
    public static final int IP_MULTICAST_TTL = 33;
    public static final int IP_MULTICAST_LOOP = 34;
    public static final int IP_ADD_MEMBERSHIP = 35;
    public static final int IP_DROP_MEMBERSHIP = 36;
    public static final int IP_PMTUDISC_DONT = 0;

    public static final int IPV6_CHECKSUM = 7;
    public static final int IPV6_UNICAST_HOPS = 16;
    public static final int IPV6_MULTICAST_IF = 17;
    public static final int IPV6_MULTICAST_HOPS = 18;
    public static final int IPV6_MULTICAST_LOOP = 19;
    public static final int IPV6_JOIN_GROUP = 20;
    public static final int IPV6_LEAVE_GROUP = 21;
    public static final int IPV6_RECVPKTINFO = 49;
    public static final int IPV6_PKTINFO = 50;
    public static final int IPV6_RECVHOPLIMIT = 51;
    public static final int IPV6_HOPLIMIT = 52;
    public static final int IPV6_TCLASS = 67;

    public static final int MSG_DONTROUTE = 0x4;

    public static final int ETH_P_IP = 0x0800;
    public static final int ETH_P_ARP = 0x0806;
    public static final int ETH_P_IPV6 = 0x86DD;
}
