#!/usr/bin/env bash
# Writes a keepalived.conf with N virtual servers (default 10000), each with R real servers (default 4)
# checked by TCP_CHECK, plus one VRRP instance. Usage: keepalived-parser/bench/gen-config.sh [N] [R] > FILE
set -euo pipefail
n=${1:-10000}
r=${2:-4}
awk -v n="$n" -v r="$r" 'BEGIN {
  print "global_defs {\n    router_id bench\n}\n"
  print "vrrp_instance VI_1 {\n    state MASTER\n    interface eth0\n    virtual_router_id 51\n    priority 150\n    advert_int 1"
  print "    authentication {\n        auth_type PASS\n        auth_pass secret\n    }"
  print "    virtual_ipaddress {\n        10.0.0.3/24 dev eth0 label eth0:0\n    }\n}\n"
  for (v = 0; v < n; v++) {
    a = 10; b = int(v / 65536) % 256 + 16; c = int(v / 256) % 256; d = v % 256
    printf "virtual_server %d.%d.%d.%d %d {\n", a, b, c, d, 80
    print "    delay_loop 6\n    lvs_sched wrr\n    lvs_method DR\n    persistence_timeout 50\n    protocol TCP\n"
    for (s = 0; s < r; s++) {
      k = v * r + s
      printf "    real_server 172.%d.%d.%d 80 {\n", 16 + int(k / 65536) % 16, int(k / 256) % 256, k % 256
      print "        weight 1\n        TCP_CHECK {\n            connect_port 80\n            connect_timeout 3\n            retry 3\n            delay_before_retry 3\n        }\n    }"
    }
    print "}\n"
  }
}'
