package io.javalived.parser;

import io.javalived.parser.diag.DiagnosticCode;
import io.javalived.parser.model.AuthMethod;
import io.javalived.parser.model.VrrpInstance;
import io.javalived.parser.model.InitialState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static io.javalived.parser.Configs.line;
import static io.javalived.parser.Configs.parse;
import static io.javalived.parser.Configs.withCode;
import static org.assertj.core.api.Assertions.assertThat;
import io.javalived.parser.model.MiscCheck;

/** global_defs, vrrp_script, vrrp_instance and vrrp_sync_group blocks and their defaults. */
class VrrpBlocksTest {
    @TempDir
    Path dir;

    private VrrpInstance instance(String body) {
        ParseResult r = parse(dir, "vrrp_instance VI_1 {\n virtual_router_id 51\n" + body + "\n}\n");
        assertThat(r.config().vrrpInstances()).hasSize(1);
        return r.config().vrrpInstances().getFirst();
    }

    @Test
    void keywordLocationsNameTheLineOfEachKeywordAndTheLastOfARepeatedOne() {
        ParseResult r = parse(dir, """
                global_defs {
                    script_user nobody
                }
                vrrp_instance VI_1 {
                    virtual_router_id 51
                    use_vmac
                    priority 50
                    priority 60
                    authentication {
                        auth_type PASS
                        auth_pass x
                    }
                }
                """);
        var i = r.config().vrrpInstances().getFirst();
        assertThat(i.keywordLocations().of("use_vmac").orElseThrow().line()).isEqualTo(6);
        assertThat(i.keywordLocations().of("priority").orElseThrow().line()).as("the value in effect").isEqualTo(8);
        assertThat(i.keywordLocations().of("auth_pass").orElseThrow().line()).isEqualTo(11);
        assertThat(i.keywordLocations().of("nopreempt")).isEmpty();
        assertThat(r.config().globalDefs().keywordLocations().of("script_user").orElseThrow().line()).isEqualTo(2);
        assertThat(i.keywordLocations().toString()).as("no line in what compares configurations").doesNotContain("keepalived.conf");
    }

    @Test
    void scriptUsersKeepTheirGroup() {
        ParseResult r = parse(dir, """
                global_defs {
                    script_user nobody nogroup
                    enable_script_security
                }
                vrrp_script chk {
                    script "/bin/true"
                    user nobody :daemon
                }
                virtual_server 10.0.0.3 80 {
                    real_server 10.0.0.7 80 {
                        MISC_CHECK {
                            misc_path "/bin/true"
                            user daemon adm
                        }
                    }
                }
                """);
        var g = r.config().globalDefs();
        assertThat(g.scriptUser()).contains("nobody");
        assertThat(g.scriptGroup()).contains("nogroup");
        assertThat(g.enableScriptSecurity()).isTrue();
        var chk = r.config().vrrpScript("chk").orElseThrow().script();
        assertThat(chk.user()).contains("nobody");
        assertThat(chk.group()).contains("daemon");
        var misc = (MiscCheck) r.config().virtualServers().getFirst().realServers().getFirst()
                .checkers().getFirst();
        assertThat(misc.miscPath().user()).contains("daemon");
        assertThat(misc.miscPath().group()).contains("adm");
    }

    @Test
    void globalDefsDefaultsAndValues() {
        ParseResult r = parse(dir, """
                global_defs {
                    notification_email {
                        ops@example.com
                        noc@example.com
                    }
                    smtp_server 192.168.200.1 2525
                    vrrp_version 3
                    vrrp_garp_master_delay 10
                    vrrp_strict
                    enable_script_security
                    snmp_socket udp:1.2.3.4:705
                }
                """);
        var g = r.config().globalDefs();
        assertThat(r.diagnostics()).isEmpty();
        assertThat(g.routerId()).isEqualTo("testhost.example");
        assertThat(g.notificationEmail()).containsExactly("ops@example.com", "noc@example.com");
        assertThat(g.notificationEmailFrom()).isEqualTo("keepalived@testhost.example");
        assertThat(g.smtpServer().orElseThrow().port()).isEqualTo(2525);
        assertThat(g.smtpConnectTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(g.vrrpVersion()).isEqualTo(3);
        assertThat(g.vrrpGarp().masterDelay()).isEqualTo(Duration.ofSeconds(10));
        assertThat(g.vrrpGarp().lowerPrioDelay()).as("defaults to the master delay").isEqualTo(Duration.ofSeconds(10));
        assertThat(g.vrrpStrict()).isTrue();
        assertThat(g.vrrpMcastGroup4().getHostAddress()).isEqualTo("224.0.0.18");
        assertThat(g.other()).extracting(v -> v.keyword()).containsExactly("snmp_socket");
    }

    @Test
    void priorityDefaultsTo255ForMasterElse100() {
        assertThat(instance("state MASTER").priority()).isEqualTo(255);
        assertThat(instance("state BACKUP").priority()).isEqualTo(100);
        assertThat(instance("").priority()).isEqualTo(100);
        assertThat(instance("").state()).isEqualTo(InitialState.BACKUP);
        assertThat(instance("priority 255").state()).as("state derived from priority 255").isEqualTo(InitialState.MASTER);
    }

    @Test
    void priorityOutOfRangeUses100WithAnError() {
        ParseResult r = parse(dir, "vrrp_instance V {\n virtual_router_id 5\n priority 300\n}\n");
        assertThat(r.config().vrrpInstances().getFirst().priority()).isEqualTo(100);
        assertThat(withCode(r, DiagnosticCode.OUT_OF_RANGE)).isNotEmpty().allSatisfy(d -> assertThat(line(d)).isEqualTo(3));
    }

    @Test
    void invalidNumberIsReported() {
        ParseResult r = parse(dir, "vrrp_instance V {\n virtual_router_id 5\n advert_int abc\n}\n");
        assertThat(withCode(r, DiagnosticCode.INVALID_NUMBER)).singleElement()
                .satisfies(d -> assertThat(d.message()).isEqualTo("invalid number 'abc'"));
        assertThat(r.config().vrrpInstances().getFirst().advertInterval()).hasSeconds(1);
    }

    @Test
    void advertIntervalRoundsPerVersion() {
        assertThat(instance("advert_int 0.5").advertInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(instance("version 3\n advert_int 0.5").advertInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(instance("version 3\n advert_int 0.123").advertInterval()).isEqualTo(Duration.ofMillis(120));
        assertThat(instance("version 3\n advert_int 0.125").advertInterval()).as("half a centisecond rounds up")
                .isEqualTo(Duration.ofMillis(130));
        assertThat(instance("version 3\n advert_int 0.0049").advertInterval()).as("below 0.01: the default")
                .isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aFractionalV2AdvertIntervalIsRoundedWithAWarning() {
        ParseResult r = parse(dir, "vrrp_instance V {\n virtual_router_id 5\n advert_int 2.500\n}\n");
        assertThat(r.config().vrrpInstances().getFirst().advertInterval()).isEqualTo(Duration.ofSeconds(3));
        assertThat(withCode(r, DiagnosticCode.DEFAULT_APPLIED)).filteredOn(d -> d.message().contains("advert"))
                .singleElement().satisfies(d -> {
                    assertThat(d.message()).isEqualTo("(V) VRRPv2 advert interval 2.5s is not a whole number of seconds - using 3s");
                    assertThat(line(d)).isEqualTo(3);
                });
        ParseResult v3 = parse(dir, "vrrp_instance V {\n virtual_router_id 5\n version 3\n advert_int 41\n}\n");
        assertThat(v3.config().vrrpInstances().getFirst().advertInterval()).isEqualTo(Duration.ofMillis(40_950));
        assertThat(withCode(v3, DiagnosticCode.OUT_OF_RANGE)).singleElement().satisfies(d -> assertThat(d.message())
                .isEqualTo("(V) VRRPv3 advert interval is at most 40.95s - using 40.95s"));
        ParseResult out = parse(dir, "vrrp_instance V {\n virtual_router_id 5\n advert_int 255.0000001\n}\n");
        assertThat(withCode(out, DiagnosticCode.OUT_OF_RANGE)).singleElement().satisfies(d -> assertThat(d.message())
                .isEqualTo("number '255.0000001' outside range [0.01, 255]"));
    }

    @Test
    void virtualIpAddressesWithAllOptions() {
        VrrpInstance i = instance("""
                 interface eth0
                 virtual_ipaddress {
                    10.0.0.3/24 brd 10.0.0.255 dev eth1 label eth1:0 scope link
                    10.0.0.4
                    10.0.0.300
                 }
                 virtual_ipaddress_excluded {
                    10.0.5.1/32 no_track
                 }
                """);
        assertThat(i.virtualIpAddresses()).hasSize(2);
        var first = i.virtualIpAddresses().getFirst();
        assertThat(first.prefixLength()).isEqualTo(24);
        assertThat(first.broadcast().orElseThrow().getHostAddress()).isEqualTo("10.0.0.255");
        assertThat(first.device()).contains("eth1");
        assertThat(first.label()).contains("eth1:0");
        assertThat(first.scope()).isEqualTo("link");
        var second = i.virtualIpAddresses().get(1);
        assertThat(second.prefixLength()).isEqualTo(32);
        assertThat(second.device()).as("defaults to the instance interface").contains("eth0");
        assertThat(i.excludedVirtualIpAddresses()).singleElement().satisfies(v -> assertThat(v.noTrack()).isTrue());
    }

    @Test
    void invalidVipIsSkippedWithKeepalivedsMessage() {
        ParseResult r = parse(dir, "vrrp_instance V {\n virtual_router_id 5\n virtual_ipaddress {\n 10.1.1.300\n 10.1.1.1/40\n }\n}\n");
        assertThat(withCode(r, DiagnosticCode.INVALID_ADDRESS)).singleElement().satisfies(d -> {
            assertThat(line(d)).isEqualTo(4);
            assertThat(d.message()).isEqualTo("VRRP parsed invalid IP 10.1.1.300. skipping IP...");
        });
        assertThat(r.config().vrrpInstances().getFirst().virtualIpAddresses()).singleElement()
                .satisfies(v -> assertThat(v.prefixLength()).isEqualTo(32));
    }

    @Test
    void authenticationUnicastAndTracking() {
        ParseResult r = parse(dir, """
                vrrp_script chk_haproxy {
                    script "/usr/bin/killall -0 haproxy"
                    interval 2
                    weight -20
                    fall 3
                }
                vrrp_instance V {
                    virtual_router_id 5
                    authentication {
                        auth_type PASS
                        auth_pass 123456789
                    }
                    unicast_src_ip 10.0.0.5
                    unicast_peer {
                        10.0.0.6
                        10.0.0.7 min_ttl 250 max_ttl 255
                    }
                    track_interface {
                        eth0
                        eth1 weight -10
                    }
                    track_script {
                        chk_haproxy
                        chk_missing
                    }
                    nopreempt
                    preempt_delay 30
                    garp_master_repeat 2
                }
                """);
        VrrpInstance i = r.config().vrrpInstances().getFirst();
        assertThat(i.authentication().orElseThrow().type()).isEqualTo(AuthMethod.PASS);
        assertThat(i.authentication().orElseThrow().password()).isEqualTo("12345678");
        assertThat(i.unicastSrcIp().orElseThrow().getHostAddress()).isEqualTo("10.0.0.5");
        assertThat(i.unicastPeers()).extracting(p -> p.address().getHostAddress()).containsExactly("10.0.0.6", "10.0.0.7");
        assertThat(i.checkUnicastSrc()).as("a TTL range implies check_unicast_src").isTrue();
        assertThat(i.trackInterfaces()).extracting(t -> t.weight()).containsExactly(0, -10);
        assertThat(i.trackScripts()).singleElement().satisfies(t -> assertThat(t.weight()).isEqualTo(-20));
        assertThat(withCode(r, DiagnosticCode.UNKNOWN_REFERENCE)).singleElement()
                .satisfies(d -> assertThat(d.message()).contains("track script chk_missing not found"));
        assertThat(i.nopreempt()).isTrue();
        assertThat(i.preemptDelay()).isEqualTo(Duration.ofSeconds(30));
        assertThat(i.garp().masterRepeat()).isEqualTo(2);
        assertThat(i.garp().lowerPrioRepeat()).as("follows the instance's master repeat").isEqualTo(2);
        assertThat(i.garp().masterDelay()).isEqualTo(Duration.ofSeconds(5));
        var script = r.config().vrrpScript("chk_haproxy").orElseThrow();
        assertThat(script.interval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(script.timeout()).as("defaults to interval").isEqualTo(Duration.ofSeconds(2));
        assertThat(script.rise()).isEqualTo(1);
        assertThat(script.fall()).isEqualTo(3);
    }

    @Test
    void vrrpScriptWithoutScriptIsRemovedAtItsClosingLine() {
        ParseResult r = parse(dir, "vrrp_script s {\n interval 1\n}\n");
        assertThat(r.config().vrrpScripts()).isEmpty();
        assertThat(withCode(r, DiagnosticCode.MISSING_SCRIPT)).singleElement().satisfies(d -> assertThat(line(d)).isEqualTo(3));
    }

    @Test
    void ipv6ForcesVersion3AndAuthIsIgnoredThere() {
        ParseResult r = parse(dir, "vrrp_instance V {\n virtual_router_id 5\n authentication {\n auth_type PASS\n auth_pass x\n }\n"
                + " virtual_ipaddress {\n fe80::1/64\n 2001:db8::1\n }\n}\n");
        VrrpInstance i = r.config().vrrpInstances().getFirst();
        assertThat(i.version()).isEqualTo(3);
        assertThat(i.authentication()).isEmpty();
        assertThat(i.virtualIpAddresses().getFirst().prefixLength()).isEqualTo(64);
        assertThat(i.virtualIpAddresses().get(1).prefixLength()).isEqualTo(128);
        assertThat(withCode(r, DiagnosticCode.IGNORED_SETTING)).hasSize(1);
    }

    @Test
    void syncGroupNeedsItsGroupBlockAndKnownMembers() {
        ParseResult r = parse(dir, """
                vrrp_sync_group G {
                    group {
                        A
                        B
                    }
                    notify_master "/bin/true master"
                    global_tracking
                }
                vrrp_instance A {
                    virtual_router_id 1
                }
                vrrp_instance B {
                    virtual_router_id 2
                }
                vrrp_sync_group H {
                    A
                }
                """);
        assertThat(r.config().vrrpSyncGroups()).singleElement().satisfies(g -> {
            assertThat(g.group()).containsExactly("A", "B");
            assertThat(g.notifyScripts().master()).isPresent();
            assertThat(g.syncGroupTrackingWeight()).isTrue();
        });
        assertThat(withCode(r, DiagnosticCode.DEPRECATED_KEYWORD)).singleElement().satisfies(d -> assertThat(line(d)).isEqualTo(7));
        assertThat(withCode(r, DiagnosticCode.UNKNOWN_KEYWORD)).singleElement().satisfies(d -> assertThat(line(d)).isEqualTo(16));
    }

    @Test
    void syncGroupMembershipFollowsKeepalived() {
        ParseResult r = parse(dir, """
                vrrp_sync_group ONE {
                    group {
                        A
                    }
                }
                vrrp_sync_group TWICE {
                    group {
                        A
                        B
                    }
                }
                vrrp_sync_group NONE {
                    group {
                        Z
                    }
                }
                vrrp_instance A {
                    virtual_router_id 1
                }
                vrrp_instance B {
                    virtual_router_id 2
                }
                """);
        // a group of one is kept with keepalived's error; A cannot be in TWICE too, so TWICE keeps only B
        assertThat(r.config().vrrpSyncGroups()).extracting(g -> g.name() + "=" + g.group())
                .containsExactly("ONE=[A]", "TWICE=[B]");
        assertThat(r.diagnostics()).extracting(d -> line(d) + " " + d.message()).contains(
                "1 Sync group ONE has only 1 virtual router(s) - this probably isn't what you want",
                "6 Virtual router A cannot exist in more than one sync group; ignoring TWICE",
                "6 Sync group TWICE has only 1 virtual router(s) - this probably isn't what you want",
                "12 Virtual router Z specified in sync group NONE doesn't exist - ignoring",
                "12 Sync group NONE, no matching virtual router found in group declaration - removing");
    }

    @Test
    void unknownBlockIsSkippedWholeWithASuggestion() {
        ParseResult r = parse(dir, """
                vrrp_instance V {
                    virtual_router_id 5
                    autherntication {
                        auth_type PASS
                        auth_pass 1234
                    }
                    virtual_ipaddress {
                        10.0.0.3/24
                    }
                }
                """);
        assertThat(withCode(r, DiagnosticCode.UNKNOWN_BLOCK)).singleElement().satisfies(d -> {
            assertThat(line(d)).isEqualTo(3);
            assertThat(d.message()).startsWith("Unknown keyword 'autherntication'").contains("did you mean 'authentication'");
        });
        assertThat(withCode(r, DiagnosticCode.UNKNOWN_KEYWORD)).as("nothing inside the skipped block is reported").isEmpty();
        assertThat(r.config().vrrpInstances().getFirst().virtualIpAddresses()).hasSize(1);
    }

    @Test
    void keywordInTheWrongBlockSaysWhereItBelongs() {
        ParseResult r = parse(dir, "global_defs {\n priority 100\n}\n");
        assertThat(withCode(r, DiagnosticCode.UNKNOWN_KEYWORD)).singleElement()
                .satisfies(d -> assertThat(d.message()).contains("belongs in a vrrp_instance block"));
    }
}
