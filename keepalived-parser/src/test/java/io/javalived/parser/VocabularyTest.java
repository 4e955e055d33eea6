package io.javalived.parser;

import io.javalived.parser.bind.ConfigBinder;
import io.javalived.parser.diag.Diagnostics;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Every keyword of the reference's sections 1.3 to 1.9 is recognised by some block's table. */
class VocabularyTest {

    /** Code spans in those sections that are values or notes, not keywords. */
    static final Set<String> NOT_KEYWORDS = Set.of("CONFIG_DEPRECATED", "GET", "rr", "wlc",
            "dynamic" /* FILE_CHECK: the man page lists it, keepalived's code has no such keyword */);

    private static Map<String, Set<String>> vocabulary() {
        return new ConfigBinder(new Diagnostics(), Configs.OPTIONS).vocabulary();
    }

    @Test
    void deprecatedAliasesAreRecognisedWhereTheyBelong() {
        Map<String, Set<String>> v = vocabulary();
        assertThat(v.get("virtual_server")).contains("lb_algo", "lb_kind", "lvs_sched", "lvs_method", "nat_mask");
        assertThat(v.get("real_server")).contains("lb_kind", "TCP_CHECK", "HTTP_GET", "SSL_GET", "MISC_CHECK",
                "SMTP_CHECK", "DNS_CHECK", "UDP_CHECK", "PING_CHECK", "FILE_CHECK", "BFD_CHECK");
        for (String checker : List.of("TCP_CHECK", "HTTP_GET", "SSL_GET", "SMTP_CHECK", "DNS_CHECK", "UDP_CHECK", "PING_CHECK")) {
            assertThat(v.get(checker)).as(checker).contains("nb_get_retry", "retry", "connect_ip", "connect_port",
                    "bindto", "bind_port", "connect_timeout", "delay_before_retry", "warmup", "delay_loop", "alpha");
        }
        assertThat(v.get("vrrp_instance")).contains("authentication", "preempt", "lvs_sync_daemon_interface", "native_ipv6");
        assertThat(v.get("the top level")).contains("vrrp_track_file", "track_file");
        assertThat(v.get("global_defs")).contains("lvs_flush_onstop", "enable_snmp_keepalived", "lvs_process_name");
    }

    @Test
    void everyKeywordOfTheReferenceIsRecognised() throws IOException {
        Path reference = ConformanceTest.shared().resolve("reference/keepalived-behaviour.md");
        Assumptions.assumeTrue(Files.isRegularFile(reference), "reference not found at " + reference + " (../shared is optional)");
        String text = Files.readString(reference);
        int from = text.indexOf("### 1.3");
        int to = text.indexOf("### 1.10");
        assertThat(from).isPositive();
        assertThat(to).isGreaterThan(from);
        Matcher m = Pattern.compile("`([^`]+)`").matcher(text.substring(from, to));
        Set<String> keywords = new TreeSet<>();
        while (m.find()) {
            String first = m.group(1).strip().split("\\s+")[0];
            if (first.matches("[A-Za-z_][A-Za-z0-9_-]*") && !NOT_KEYWORDS.contains(first)) {
                keywords.add(first);
            }
        }
        assertThat(keywords).hasSizeGreaterThan(200);
        Set<String> known = new HashSet<>();
        vocabulary().values().forEach(known::addAll);
        keywords.removeIf(known::contains);
        assertThat(keywords).as("keywords of reference 1.3-1.9 no table recognises").isEmpty();
    }
}
