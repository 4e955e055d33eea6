package io.javalived.drill;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws the anycast drill as an SVG: the router's next-hop count for the VIP over time (a step line, each change
 * labelled with the directors left), the client's requests below it (a tick per request at the time it was sent,
 * by the real server that answered, red when it failed), vertical markers for the drill's events, the report's
 * three lines on top.
 */
final class AnycastTimelineSvg {
    private static final int WIDTH = 1100;
    private static final int LEFT = 110;
    private static final int RIGHT = 30;
    private static final int LANE = 30;

    private AnycastTimelineSvg() {
    }

    static String render(AnycastReport r) {
        double t0 = r.nextHops().isEmpty() ? 0 : r.nextHops().getFirst().at();
        if (!r.log().isEmpty()) {
            t0 = Math.min(t0, r.log().getFirst().sentAt());
        }
        double t1 = t0 + 1;
        for (DrillEvent e : r.events()) {
            t1 = Math.max(t1, e.at());
        }
        for (RequestRecord q : r.log()) {
            t1 = Math.max(t1, q.sentAt());
        }
        t0 = Math.floor(t0);
        t1 = Math.ceil(t1 + 0.5);
        double span = t1 - t0;
        int plotW = WIDTH - LEFT - RIGHT;
        double start = t0;
        var x = (java.util.function.DoubleUnaryOperator) t -> LEFT + (t - start) / span * plotW;
        int max = Math.max(1, r.directors());
        int hopsTop = 150;
        int hopsH = 40 * max;
        int hopsBottom = hopsTop + hopsH;
        List<String> lanes = new ArrayList<>(new java.util.TreeSet<>(r.answeredBy().keySet()));
        lanes.add(DrillReport.FAILED);
        int lanesTop = hopsBottom + 40;
        int eventsTop = lanesTop + lanes.size() * LANE + 20;
        int height = eventsTop + 16 * r.events().size() + 30;

        StringBuilder s = new StringBuilder();
        TimelineSvg.open(s, WIDTH, height);
        s.append(text(LEFT, 28, 18, "bold", "#222", "javalived anycast drill: " + r.directors()
                + " directors behind ECMP, VIP " + r.vip()));
        int y = 54;
        s.append(text(LEFT, y, 14, "normal", "#222", r.killLine()));
        if (r.connections() != null) {
            s.append(text(LEFT, y += 20, 14, "normal", "#222", r.connections().line()));
        }
        s.append(text(LEFT, y += 20, 14, "normal", "#222", r.serversDownLine()));
        s.append(text(LEFT, y + 20, 12, "normal", "#555", String.format(Locale.ROOT,
                "requests: %d sent, %d answered; after %s withdrew: %d sent, %d failed", r.requests(), r.answered(),
                r.serversDown(), r.requestsAfterWithdrawal(), r.failedAfterWithdrawal())));

        // the next-hop count, a step line over a grid of 0..max
        s.append(text(10, hopsTop + hopsH / 2 + 4, 13, "bold", "#222", "next hops"));
        for (int k = 0; k <= max; k++) {
            double gy = hopsBottom - (double) k / max * hopsH;
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
                    LEFT, gy, WIDTH - RIGHT, gy));
            s.append(text(LEFT - 18, (int) gy + 4, 11, "normal", "#555", Integer.toString(k)));
        }
        StringBuilder path = new StringBuilder();
        List<NextHopWatcher.Change> hops = r.nextHops();
        for (int i = 0; i < hops.size(); i++) {
            NextHopWatcher.Change c = hops.get(i);
            double cx = x.applyAsDouble(Math.max(c.at(), start));
            double cy = hopsBottom - (double) Math.min(c.count(), max) / max * hopsH;
            path.append(i == 0 ? String.format(Locale.ROOT, "M%.1f,%.1f", cx, cy) : String.format(Locale.ROOT, " H%.1f V%.1f", cx, cy));
            if (i > 0) {
                s.append(text((int) cx + 3, (int) cy - 4, 10, "normal", "#1f77b4", c.hops().toString()));
            }
        }
        path.append(String.format(Locale.ROOT, " H%.1f", x.applyAsDouble(t1)));
        s.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"2.5\"/>\n");

        // the requests, one lane per real server and one for failures
        for (int i = 0; i < lanes.size(); i++) {
            String lane = lanes.get(i);
            int ly = lanesTop + i * LANE;
            String colour = lane.equals(DrillReport.FAILED) ? "#d62728" : i % 2 == 0 ? "#2ca02c" : "#9467bd";
            s.append(text(10, ly + LANE / 2 + 4, 12, "normal", "#222", lane));
            for (RequestRecord q : r.log()) {
                boolean mine = lane.equals(DrillReport.FAILED) ? !q.ok() : q.ok() && lane.equals(q.answeredBy());
                if (mine) {
                    double qx = x.applyAsDouble(q.sentAt());
                    s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\"/>%n",
                            qx, ly + 4, qx, ly + LANE - 4, colour));
                }
            }
        }

        // events: a dashed marker and a numbered line below
        int ey = eventsTop;
        int n = 0;
        for (DrillEvent e : r.events()) {
            double ex = x.applyAsDouble(e.at());
            n++;
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#888\" "
                    + "stroke-dasharray=\"4,3\"/>%n", ex, hopsTop - 10, ex, eventsTop - 14));
            s.append(text((int) ex + 2, hopsTop - 12, 10, "bold", "#555", Integer.toString(n)));
            s.append(text(LEFT, ey, 11, "normal", "#333", String.format(Locale.ROOT, "%d. %.2f s %s", n, e.at(), e.detail())));
            ey += 16;
        }
        // the time axis
        int axisY = lanesTop + lanes.size() * LANE + 4;
        double step = span > 120 ? 20 : span > 60 ? 10 : 5;
        for (double t = Math.ceil(t0 / step) * step; t <= t1; t += step) {
            s.append(text((int) x.applyAsDouble(t) - 8, axisY + 10, 10, "normal", "#555", String.format(Locale.ROOT, "%.0f s", t)));
        }
        s.append("</svg>\n");
        return s.toString();
    }

    private static String text(int x, int y, int size, String weight, String fill, String t) {
        return String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"%d\" font-weight=\"%s\" fill=\"%s\">%s</text>%n",
                x, y, size, weight, fill, TimelineSvg.esc(t));
    }
}
