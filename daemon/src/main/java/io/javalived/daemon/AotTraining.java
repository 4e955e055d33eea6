package io.javalived.daemon;

import io.javalived.daemon.cli.ConfigTest;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The launcher's training run for the JDK's AOT cache (JEP 483/514/515), run once after each build: the cache then
 * holds the classes, linkage and method profiles of the paths this run goes through, and every start maps them
 * instead of loading, verifying and linking them again.
 * <p>
 * The daemon and the short commands get a cache each: every class of a cache is loaded when the JVM starts, and a
 * short command that mapped the daemon's (its status endpoint, VRRP, checkers) held 95 MB instead of 70, and a daemon
 * whose cache also held the status client's classes 6 MB more.
 * <p>
 * {@code AotTraining DIR TEST_CONFIG daemon}: the launcher has put this process alone in a fresh network namespace
 * (nothing in it reaches the host's network; it vanishes with the process) with {@code eth0} 10.0.0.5/24, one end of
 * a veth pair whose other end is in the same namespace. The run goes through the daemon's own start (command line,
 * logging, parse, VRRP to MASTER on eth0, the checkers, the status endpoint and metrics) and its graceful stop; then
 * it exits.
 * {@code AotTraining DIR TEST_CONFIG}: the short commands' cache: {@code -t} on TEST_CONFIG (a training that also
 * ran {@code status} and {@code ipvsadm -Ln} made neither faster, both are mostly picocli, which no cache holds, and
 * gave every short command 6 MB more). The launcher also falls back to it for the daemon where no such namespace
 * can be made (not root, no unshare or ip).
 */
public final class AotTraining {
    /**
     * A small configuration of the seed's shapes (examples/lb01): comments, also trailing and in other scripts than
     * Latin, a misspelled block (an error with a "did you mean"), {@code IP:PORT} virtual and real servers, obsolete and
     * deprecated keywords (warnings). What a start parses and logs for them is then in the cache; a start of the seed
     * linked their string concatenations and lambdas, and loaded the JDK's tables for non-Latin characters, at every
     * start. One VRRP instance (short advert interval: MASTER within half a second) and a virtual server whose
     * TCP_CHECKs go to addresses inside the namespace.
     */
    static final String CONFIG = """
            # 训练配置 training configuration
            global_defs {
                router_id aot-training  # 身份 id
            }
            ## vrrp
            vrrp_instance training {  # 实例名称
                state MASTER
                interface eth0
                virtual_router_id 62
                priority 100
                advert_int 0.1
                authentication {
                    auth_type PASS
                    auth_pass 1234
                }
                autherntication {  # misspelled, as in the seed: an error, the block skipped
                    auth_type PASS
                }
                virtual_ipaddress {
                    10.0.0.3/24 dev eth0 label eth0:0
                }
            }
            virtual_server 10.0.0.3:80 {
                delay_loop 1
                lb_algo wrr
                lb_kind DR
                nat_mask 255.255.255.0
                persistence_timeout 50
                protocol TCP
                real_server 10.0.0.7:80 {
                    weight 1
                    TCP_CHECK {
                        connect_timeout 1
                        nb_get_retry 1
                        delay_before_retry 1
                        connect_port 80
                    }
                }
                real_server 10.0.0.8 80 {
                    weight 1
                    TCP_CHECK {
                        connect_timeout 1
                        retry 1
                        delay_before_retry 1
                        connect_port 80
                    }
                }
            }
            """;

    private AotTraining() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        DaemonLogProvider.select(); // as Main does
        Path dir = Path.of(args[0]);
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        if (args.length > 2 && args[2].equals("daemon")) {
            daemon(dir);
        } else {
            ConfigTest.run(Path.of(args[1]), null, false, quiet);
        }
        System.exit(0); // the daemon's shutdown hook runs its graceful stop; the JVM then writes the cache
    }

    private static void daemon(Path dir) throws IOException, InterruptedException {
        Path conf = dir.resolve("training.conf");
        Path state = dir.resolve("training.state.json");
        Files.writeString(conf, CONFIG);
        // both subsystems: a cache trained with -P alone was no smaller (38.67 against 38.64 MB) and saved nothing
        // The host's /dev/log is reachable from any network namespace: the training's syslog goes to a socket in DIR
        // that nobody listens on (the syslog path is trained, nothing reaches the host's log).
        System.setProperty(io.javalived.daemon.log.LogTarget.SOCKET_PROPERTY, dir.resolve("no-syslog").toString());
        // A pid file left by a daemon that was killed (its pid runs nothing): the stale-file path of the claim.
        Files.writeString(dir.resolve("training.pid"), Integer.MAX_VALUE + "\n");
        // -D: the detailed lines are formatted too (the debug level is what a start run by hand and the benchmarks use)
        Thread.ofPlatform().name("training-main").start(() -> Main.run("-n", "-l", "-D", "-f", conf.toString(),
                "-p", dir.resolve("training.pid").toString(), "-r", dir.resolve("training_vrrp.pid").toString(),
                "-c", dir.resolve("training_checkers.pid").toString(), "--state-file", state.toString(),
                "--status-listen", "127.0.0.1:0"));
        for (int i = 0; i < 100 && !Files.exists(state); i++) {
            Thread.sleep(50);
        }
        // MASTER (3 adverts of 0.1 s and the skew), its VIP, gratuitous ARPs, a round of checks. No status request:
        // what a cache holds is loaded at every start, and the daemon's resident memory grew by the status client's
        // and the request's classes when it did.
        Thread.sleep(1_500);
    }
}
