package io.javalived.daemon.reload;

/** The seed's lb01 configuration (keepalived's syntax, written as the seed writes it) and edits of it. */
public final class ReloadFixtures {
    private ReloadFixtures() {}

    public static final String LB01 = """
            global_defs {
                router_id lb01
            }
            vrrp_instance oldboy {
                state MASTER
                interface eth0
                virtual_router_id 62
                priority 100
                advert_int 1
                authentication {
                    auth_type PASS
                    auth_pass 1234
                }
                virtual_ipaddress {
                    10.0.0.3/24 dev eth0 label eth0:0
                }
            }
            virtual_server 10.0.0.3 80 {
                delay_loop 6
                lb_algo wrr
                lb_kind DR
                persistence_timeout 50
                protocol TCP
                real_server 10.0.0.7 80 {
                    weight 1
                    TCP_CHECK {
                        connect_timeout 8
                        retry 3
                        delay_before_retry 3
                        connect_port 80
                    }
                }
                real_server 10.0.0.8 80 {
                    weight 1
                    TCP_CHECK {
                        connect_timeout 8
                        retry 3
                        delay_before_retry 3
                        connect_port 80
                    }
                }
            }
            """;

    /** Replaces the n-th (0-based) occurrence of {@code from}; fails loudly when it is not there. */
    public static String edit(String text, String from, String to, int occurrence) {
        int at = -1;
        for (int i = 0; i <= occurrence; i++) {
            at = text.indexOf(from, at + 1);
            if (at < 0) {
                throw new IllegalArgumentException("no occurrence " + occurrence + " of '" + from + "'");
            }
        }
        return text.substring(0, at) + to + text.substring(at + from.length());
    }

    public static String edit(String text, String from, String to) {
        return edit(text, from, to, 0);
    }
}
