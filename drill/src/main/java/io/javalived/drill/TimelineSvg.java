package io.javalived.drill;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Draws a drill as an SVG timeline: one lane per server that answered (and one for failed requests), each
 * request a tick at the time it was sent, coloured by who answered; a band showing which load balancer held the
 * VIP; vertical markers for the signal, the takeover, the restart and the preemption; the figures on top.
 */
final class TimelineSvg {
    private static final int WIDTH = 1100;
    private static final int LEFT = 110;
    private static final int RIGHT = 30;
    private static final int LANE = 34;
    private static final String[] PALETTE = {"#8c564b", "#17becf", "#bcbd22", "#e377c2"};
    private static final Map<String, String> COLOURS = Map.of("lb01", "#1f77b4", "lb02", "#ff7f0e",
            "web01", "#2ca02c", "web02", "#9467bd", DrillReport.FAILED, "#d62728");

    private TimelineSvg() {
    }

    static String render(DrillReport r, List<DrillReport.Segment> vipHeld) {
        List<String> lanes = new ArrayList<>(r.answeredBy().keySet());
        lanes.add(DrillReport.FAILED);
        double t0 = r.log().isEmpty() ? 0 : Math.floor(r.log().getFirst().sentAt() - 0.5);
        double t1 = r.log().isEmpty() ? 1 : Math.ceil(r.log().getLast().sentAt() + 0.5);
        for (DrillEvent e : r.events()) {
            if (e.kind() != DrillEvent.Kind.READY) {
                t1 = Math.max(t1, Math.ceil(e.at() + 0.5));
            }
        }
        if (r.connections() != null) {
            t1 = Math.max(t1, Math.ceil(r.connections().preemptCheckpoint()));
        }
        double span = Math.max(1, t1 - t0);
        int plotW = WIDTH - LEFT - RIGHT;
        int top = 185;
        int holderY = top;
        int lanesY = top + LANE + 10;
        ConnectionsReport conns = r.connections();
        int connsY = lanesY + lanes.size() * LANE;
        int bottom = connsY + (conns == null ? 0 : LANE);
        int height = bottom + 70;
        Map<String, String> colours = new LinkedHashMap<>();
        int extra = 0;
        for (String l : lanes) {
            colours.put(l, COLOURS.getOrDefault(l, PALETTE[extra++ % PALETTE.length]));
        }
        var x = (java.util.function.DoubleUnaryOperator) t -> LEFT + (t - t0) / span * plotW;
        StringBuilder s = new StringBuilder();
        open(s, WIDTH, height);
        s.append(text(LEFT, 28, 18, "bold", "#222", "javalived failover drill: " + r.signal()
                + ("javalived".equals(r.daemon()) ? "" : " (daemons: " + r.daemon() + ")")));
        s.append(text(LEFT, 52, 13, "normal", "#222", String.format(Locale.ROOT,
                "takeover %s (bound %.3f s)  \u00b7  preempt %s after restart  \u00b7  requests: %d sent, %d answered, %d lost",
                DrillReport.secs(r.takeoverSeconds()), r.boundSeconds(), DrillReport.secs(r.preemptSeconds()),
                r.requests(), r.answered(), r.lost())));
        s.append(text(LEFT, 72, 12, "normal", "#555", wrapFirst(r.dataPath(), 150)));
        if (r.dataPath().length() > 150) {
            s.append(text(LEFT, 88, 12, "normal", "#555", wrapRest(r.dataPath(), 150)));
        }
        s.append(text(LEFT, 108, 12, "normal", "#555", String.format(Locale.ROOT,
                "client: %s requests/s to %s; each tick is one request at the time it was sent, in the lane of the server that answered",
                r.rate() == Math.rint(r.rate()) ? Long.toString((long) r.rate()) : Double.toString(r.rate()), r.vip())));

        // who held the VIP
        s.append(text(10, holderY + 21, 13, "bold", "#222", "VIP held by"));
        s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#f4f4f4\"/>%n",
                LEFT, holderY + 4, plotW, LANE - 8));
        for (DrillReport.Segment h : vipHeld) {
            double a = Math.max(t0, h.from());
            double b = Math.min(t1, h.to());
            if (b <= a) {
                continue;
            }
            String c = COLOURS.getOrDefault(h.outcome(), "#888");
            int row = h.outcome().equals("lb02") ? 1 : 0;
            s.append(String.format(Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\" opacity=\"0.85\"><title>%s %.2f-%.2f s</title></rect>%n",
                    x.applyAsDouble(a), holderY + 4 + row * 13, x.applyAsDouble(b) - x.applyAsDouble(a), 12, c,
                    h.outcome(), h.from(), h.to()));
            s.append(text(x.applyAsDouble(a) + 3, holderY + 14 + row * 13, 10, "bold", "white", h.outcome()));
        }

        // lanes
        for (int i = 0; i < lanes.size(); i++) {
            String lane = lanes.get(i);
            int y = lanesY + i * LANE;
            s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>%n",
                    LEFT, y + 2, plotW, LANE - 4, i % 2 == 0 ? "#fafafa" : "#f0f0f0"));
            String label = lane.equals(DrillReport.FAILED) ? "failed" : lane;
            int n = lane.equals(DrillReport.FAILED) ? r.lost() : r.answeredBy().getOrDefault(lane, 0);
            s.append(text(10, y + 16, 13, "bold", colours.get(lane), label));
            s.append(text(10, y + 29, 10, "normal", "#666", n + " request" + (n == 1 ? "" : "s")));
        }
        double tickW = Math.max(1.5, Math.min(6, plotW / span / r.rate() * 0.7));
        for (RequestRecord q : r.log()) {
            String lane = q.ok() ? q.answeredBy() : DrillReport.FAILED;
            int i = lanes.indexOf(lane);
            int y = lanesY + i * LANE;
            String tip = String.format(Locale.ROOT, "#%d at %.3f s: %s (%.1f ms)", q.seq(), q.sentAt(),
                    q.ok() ? q.answeredBy() : q.failure(), q.latencyMs());
            s.append(String.format(Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s</title></rect>%n",
                    x.applyAsDouble(q.sentAt()) - tickW / 2, y + 6, tickW, LANE - 12, colours.get(lane), esc(tip)));
        }

        if (conns != null) {
            connectionsLane(s, conns, connsY, plotW, t0, t1, x);
        }

        // axis
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>%n",
                LEFT, bottom + 4, LEFT + plotW, bottom + 4));
        double step = span <= 15 ? 1 : span <= 40 ? 2 : span <= 100 ? 5 : 10;
        for (double t = Math.ceil(t0 / step) * step; t <= t1 + 1e-9; t += step) {
            double px = x.applyAsDouble(t);
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#333\"/>%n",
                    px, bottom + 4, px, bottom + 9));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\" fill=\"#333\">%s</text>%n",
                    px, bottom + 22, (long) t));
        }
        s.append(text(LEFT + plotW / 2.0 - 60, bottom + 42, 12, "normal", "#333", "seconds on the drill's clock"));

        // markers: labels in rows above the plot, each in the first row where it does not overlap
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            rows.add(new double[] {Double.NEGATIVE_INFINITY});
        }
        for (DrillEvent e : r.events()) {
            if (e.kind() == DrillEvent.Kind.READY || e.kind() == DrillEvent.Kind.NOTE || e.at() < t0 || e.at() > t1) {
                continue;
            }
            double px = x.applyAsDouble(e.at());
            String c = switch (e.kind()) {
                case SIGNAL -> "#d62728";
                case TAKEOVER -> "#ff7f0e";
                case RESTART -> "#555555";
                case PREEMPT -> "#1f77b4";
                default -> "#999999";
            };
            String label = switch (e.kind()) {
                case SIGNAL -> r.mode().equals("kill") ? "kill -9 lb01" : "SIGTERM lb01";
                case TAKEOVER -> String.format(Locale.ROOT, "takeover +%.2f s", r.takeoverSeconds() == null ? 0 : r.takeoverSeconds());
                case RESTART -> "restart lb01";
                case PREEMPT -> String.format(Locale.ROOT, "preempt +%.2f s", r.preemptSeconds() == null ? 0 : r.preemptSeconds());
                case VIP_REMOVED -> "VIP off " + (e.detail().contains("lb02") ? "lb02" : "lb01")
                        + (e.detail().contains("drill") ? " (by the drill)" : "");
                default -> e.kind().name();
            };
            double half = label.length() * 3.4 + 4;
            int row = 0;
            while (row < rows.size() - 1 && rows.get(row)[0] > px - half) {
                row++;
            }
            rows.get(row)[0] = px + half;
            int ly = top - 10 - row * 15;
            s.append(String.format(Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" stroke-width=\"1.5\" stroke-dasharray=\"5,3\"><title>%s</title></line>%n",
                    px, ly + 3, px, bottom + 4, c, esc(e.detail())));
            s.append(String.format(Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" font-weight=\"bold\" fill=\"%s\" text-anchor=\"middle\" "
                            + "stroke=\"white\" stroke-width=\"3\" paint-order=\"stroke\">%s</text>%n",
                    px, ly, c, esc(label)));
        }
        s.append("</svg>\n");
        return s.toString();
    }

    /**
     * The long-lived connections: a band while they were open (green), and a red mark per connection lost, at
     * its failure or at the first line whose echo never came back in time.
     */
    private static void connectionsLane(StringBuilder s, ConnectionsReport c, int y, int plotW, double t0, double t1,
                                        java.util.function.DoubleUnaryOperator x) {
        s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#f7f7f7\"/>%n",
                LEFT, y + 2, plotW, LANE - 4));
        s.append(text(10, y + 16, 13, "bold", "#2ca02c", "connections"));
        s.append(text(10, y + 29, 10, "normal", "#666", c.open() + " open, " + c.keptThroughPreempt() + " kept"));
        double from = c.connections().stream().filter(o -> o.openedAt() != null)
                .mapToDouble(ConnectionsReport.Outcome::openedAt).min().orElse(t0);
        double a = Math.max(t0, from);
        double b = Math.min(t1, c.preemptCheckpoint());
        if (b > a) {
            s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#2ca02c\" "
                    + "opacity=\"0.35\"><title>%s</title></rect>%n", x.applyAsDouble(a), y + 12, x.applyAsDouble(b)
                    - x.applyAsDouble(a), LANE - 24, esc(c.line())));
        }
        for (ConnectionsReport.Outcome o : c.connections()) {
            if (o.lostIn() == null) {
                continue;
            }
            Double at = o.failedAt() != null ? o.failedAt() : o.firstLateAt() != null ? o.firstLateAt() : o.openedAt();
            if (at == null || at < t0 || at > t1) {
                continue;
            }
            String tip = String.format(Locale.ROOT, "c%d lost in %s: %s at %.2f s (longest pause %.2f s)", o.id(),
                    o.lostIn(), o.failure() == null ? "an echo missing or late" : o.failure(), at, o.longestPause());
            s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"2\" height=\"%d\" fill=\"#d62728\">"
                    + "<title>%s</title></rect>%n", x.applyAsDouble(at) - 1, y + 6, LANE - 12, esc(tip)));
        }
        s.append(text(LEFT + 4, y + LANE - 4, 10, "normal", "#333", c.line()));
    }

    private static String wrapFirst(String t, int n) {
        if (t.length() <= n) {
            return t;
        }
        int cut = t.lastIndexOf(' ', n);
        return t.substring(0, cut < 0 ? n : cut);
    }

    private static String wrapRest(String t, int n) {
        int cut = t.lastIndexOf(' ', n);
        return t.substring(cut < 0 ? n : cut + 1);
    }

    private static String text(double x, int y, int size, String weight, String fill, String t) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"%d\" font-weight=\"%s\" fill=\"%s\">%s</text>%n",
                x, y, size, weight, fill, esc(t));
    }

    /** The opening {@code <svg>} element of a drill's timeline, {@code width} x {@code height}, on a white background. */
    static void open(StringBuilder s, int width, int height) {
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"13\">%n",
                width, height, width, height));
        s.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
    }

    static String esc(String t) {
        return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
