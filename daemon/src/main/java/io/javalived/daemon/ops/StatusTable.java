package io.javalived.daemon.ops;

import io.javalived.daemon.status.DaemonStatus;
import io.javalived.daemon.status.VrrpInstanceStatus;
import io.javalived.daemon.status.RealServerStatus;
import io.javalived.daemon.status.SyncDaemonStatus;
import io.javalived.daemon.status.VirtualServerStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code javalived status} for a person: two tables (VRRP instances, virtual and real servers), states in
 * colour when asked (MASTER and UP green, BACKUP yellow, FAULT and DOWN red), times relative to the daemon's
 * clock ({@code 2m ago}).
 */
public final class StatusTable {
    private static final String GREEN = "\u001b[32m";
    private static final String YELLOW = "\u001b[33m";
    private static final String RED = "\u001b[31m";
    private static final String BOLD = "\u001b[1m";
    private static final String RESET = "\u001b[0m";

    /** A loop that has not turned for this long is shown as STALLED (a healthy one turns twice a second). */
    static final double STALLED_SECONDS = 5;

    private StatusTable() {}

    public static String render(DaemonStatus s, boolean colour) {
        StringBuilder b = new StringBuilder();
        b.append("javalived ").append(s.daemon().version()).append(", pid ").append(s.daemon().pid())
                .append(", up ").append(age(s.daemon().startedAt(), s.now()))
                .append(", config ").append(s.daemon().configFile())
                .append(", router_id ").append(s.daemon().routerId()).append("\n\n");
        Table vrrp = new Table("VRRP INSTANCE", "VRID", "INTERFACE", "STATE", "PRIORITY", "MASTER", "SINCE", "VIPS");
        for (VrrpInstanceStatus i : s.vrrpInstances()) {
            List<String> vips = new ArrayList<>(i.vips().isEmpty() ? List.of("-") : i.vips());
            i.vipsMissing().forEach(v -> vips.add("MISSING " + v));
            String intf = i.interfaceName().isEmpty() ? "-" : i.interfaceName()
                    + (i.interfaceNow().equals(i.interfaceName()) ? "" : " (now " + i.interfaceNow() + ")");
            vrrp.row(i.name(), Integer.toString(i.vrid()), intf,
                    i.state().name(), i.basePriority() + (i.effectivePriority() == i.basePriority() ? "" : " -> " + i.effectivePriority()),
                    i.masterAddress().orElse("-"), age(i.lastTransition(), s.now()) + " ago", vips.getFirst());
            for (String more : vips.subList(1, vips.size())) {
                vrrp.row("", "", "", "", "", "", "", more);
            }
        }
        if (s.vrrpInstances().isEmpty()) {
            b.append("no VRRP instances\n");
        } else {
            vrrp.render(b, colour);
        }
        b.append('\n');
        Table lvs = new Table("VIRTUAL SERVER", "REAL SERVER", "CHECK", "STATE", "WEIGHT", "IN POOL", "LAST CHECK", "LATENCY", "SINCE");
        for (VirtualServerStatus vs : s.virtualServers()) {
            List<String> head = new ArrayList<>();
            head.add(vs.id() + " " + vs.scheduler() + (vs.method().isEmpty() ? "" : " " + vs.method()));
            head.add("quorum " + vs.liveWeight() + "/" + vs.quorum() + (vs.quorumUp() ? "" : " (quorum lost)"));
            vs.sorryServer().ifPresent(sorry -> head.add("sorry " + sorry + (vs.sorryServerInUse() ? " IN USE" : "")));
            if (vs.realServers().isEmpty()) {
                lvs.row(head.getFirst(), "-", "", "", "", "", "", "", "");
            }
            int line = 0;
            for (RealServerStatus rs : vs.realServers()) {
                String checks = rs.checkers().isEmpty() ? (rs.lastCheck().isPresent() ? rs.lastCheck().get().checker().split(" ")[0] : "-")
                        : String.join("+", rs.checkers().stream().map(c -> c.kind()).toList());
                lvs.row(line < head.size() ? head.get(line) : "", rs.id(), checks, rs.state().name(),
                        rs.configuredWeight() == rs.weight() ? Integer.toString(rs.weight()) : rs.configuredWeight() + " -> " + rs.weight(),
                        rs.inPool() ? "yes" : "no",
                        rs.lastCheck().map(c -> c.reason() + ", " + age(c.at(), s.now()) + " ago").orElse("not yet"),
                        rs.lastCheck().map(c -> String.format(java.util.Locale.ROOT, "%.1f ms", c.latencyMs())).orElse("-"),
                        rs.lastTransition().map(t -> age(t, s.now()) + " ago").orElse("-"));
                line++;
            }
            for (; line < head.size(); line++) {
                lvs.row(head.get(line), "", "", "", "", "", "", "", "");
            }
        }
        if (s.virtualServers().isEmpty()) {
            b.append("no virtual servers\n");
        } else {
            lvs.render(b, colour);
        }
        for (SyncDaemonStatus d : s.syncDaemons()) {
            // ipvsadm -L --daemon's words, and the instance it follows
            b.append('\n').append(d.state()).append(" sync daemon (mcast=").append(d.interfaceName()).append(", syncid=")
                    .append(d.syncId()).append(", maxlen=").append(d.maxLength()).append(", group=").append(d.group())
                    .append(", port=").append(d.port()).append(", ttl=").append(d.ttl()).append(")")
                    .append(d.instance().map(i -> ", following " + i).orElse("")).append('\n');
        }
        if (!s.checkerLoops().isEmpty()) {
            b.append('\n').append("checker loops: ").append(String.join(", ", s.checkerLoops().stream()
                    .map(l -> l.loop() + " turned " + String.format(java.util.Locale.ROOT, "%.1fs", l.stallSeconds()) + " ago"
                            + (l.stallSeconds() > STALLED_SECONDS ? " " + (colour ? RED + "STALLED" + RESET : "STALLED") : ""))
                    .toList())).append('\n');
        }
        b.append('\n').append("reloads: ").append(s.reload().applied()).append(" applied, ").append(s.reload().refused())
                .append(" refused");
        s.reload().last().ifPresent(o -> b.append("; last ").append(age(o.at(), s.now())).append(" ago: ")
                .append(o.applied() ? "applied (" + o.changes() + " changes)" : "refused: " + String.join("; ", o.reasons())));
        return b.append('\n').toString();
    }

    static String age(Instant from, Instant now) {
        Duration d = Duration.between(from, now);
        if (d.isNegative()) {
            d = Duration.ZERO;
        }
        long sec = d.toSeconds();
        if (sec < 60) {
            return sec + "s";
        }
        if (sec < 3600) {
            return (sec / 60) + "m" + (sec % 60 == 0 ? "" : (sec % 60) + "s");
        }
        if (sec < 86400) {
            return (sec / 3600) + "h" + ((sec % 3600) / 60) + "m";
        }
        return (sec / 86400) + "d" + ((sec % 86400) / 3600) + "h";
    }

    static Optional<String> colourOf(String cell) {
        return switch (cell) {
            case "MASTER", "UP" -> Optional.of(GREEN);
            case "BACKUP" -> Optional.of(YELLOW);
            case "FAULT", "DOWN" -> Optional.of(RED);
            default -> Optional.empty();
        };
    }

    /** Columns padded on the plain text; colour is added around the padded cell so alignment holds. */
    private static final class Table {
        private final String[] header;
        private final List<String[]> rows = new ArrayList<>();

        Table(String... header) {
            this.header = header;
        }

        void row(String... cells) {
            rows.add(cells);
        }

        void render(StringBuilder b, boolean colour) {
            int[] width = new int[header.length];
            for (int c = 0; c < header.length; c++) {
                width[c] = header[c].length();
                for (String[] r : rows) {
                    width[c] = Math.max(width[c], r[c].length());
                }
            }
            line(b, header, width, colour, true);
            for (String[] r : rows) {
                line(b, r, width, colour, false);
            }
        }

        private static void line(StringBuilder b, String[] cells, int[] width, boolean colour, boolean header) {
            StringBuilder l = new StringBuilder();
            for (int c = 0; c < cells.length; c++) {
                boolean last = c == cells.length - 1;
                String padded = last ? cells[c] : cells[c] + " ".repeat(width[c] - cells[c].length() + 2);
                Optional<String> col = header ? Optional.of(BOLD) : colourOf(cells[c]);
                if (colour && col.isPresent()) {
                    String text = cells[c];
                    l.append(col.get()).append(text).append(RESET).append(padded.substring(text.length()));
                } else {
                    l.append(padded);
                }
            }
            b.append(l.toString().stripTrailing()).append('\n');
        }
    }
}
