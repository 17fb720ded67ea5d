package io.driftwatch.evidence;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.driftwatch.evidence.EvidenceReport.Change;
import io.driftwatch.evidence.EvidenceReport.Control;

/**
 * The evidence report as a self-contained HTML page for a person to read and print: inline CSS (with print rules)
 * and an inline SVG chart of alerts over time by severity, drawn here; no script, no external URL.
 */
final class EvidenceHtml {

    static final List<String> SEVERITIES = List.of("critical", "high", "medium", "low", "info");
    private static final Map<String, String> COLOURS = Map.of("critical", "#7f1d1d", "high", "#dc2626",
            "medium", "#f59e0b", "low", "#3b82f6", "info", "#9ca3af");
    /** Above this many days the chart counts per week, so bars stay readable. */
    private static final int MAX_DAY_BARS = 92;

    private final StringBuilder h = new StringBuilder(32_768);

    private EvidenceHtml() {
    }

    static String render(EvidenceReport r) {
        return new EvidenceHtml().page(r);
    }

    private String page(EvidenceReport r) {
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(r.title()))
                .append("</title>\n<style>").append(CSS).append("</style></head><body>\n");
        h.append("<header><h1>").append(esc(r.title())).append("</h1><p class=\"meta\">Period <b>").append(r.period().from())
                .append("</b> to <b>").append(r.period().to()).append("</b> · generated ").append(r.generatedAt())
                .append(" by ").append(esc(r.generatedBy())).append(" · ").append(esc(r.product())).append("</p><p class=\"meta\">")
                .append(esc(r.period().basis())).append("</p></header>\n");

        h.append("<section class=\"cards\">");
        card("Agents watched", r.coverage().agents());
        card("Events evaluated", r.coverage().events());
        card("Rules loaded", r.checks().rulesLoaded());
        card("Alerts", r.drift().alerts());
        card("Audit chain", r.integrity().auditLog().intact() ? "intact" : "BROKEN");
        card("Deployment chain", r.integrity().deploymentChain().intact() ? "intact"
                : r.integrity().deploymentChain().accepted() ? "acknowledged" : "BROKEN");
        h.append("</section>\n");

        h.append("<section><h2>Controls</h2><table><tr><th>Framework</th><th>Control</th><th>Status</th><th>Evidence in this report</th></tr>");
        for (Control c : r.controls()) {
            h.append("<tr><td>").append(esc(c.framework())).append("</td><td><b>").append(esc(c.id())).append("</b><br><small>")
                    .append(esc(c.title())).append("</small></td><td class=\"").append(c.status()).append("\">").append(c.status())
                    .append("</td><td><ul>");
            c.evidence().forEach(e -> h.append("<li>").append(esc(e)).append("</li>"));
            h.append("</ul></td></tr>");
        }
        h.append("</table></section>\n");

        h.append("<section><h2>Alerts over time by severity</h2>");
        chart(r);
        h.append("</section>\n");

        h.append("<section><h2>Drift found and how it was resolved</h2><p>").append(r.drift().alerts()).append(" alerts (")
                .append(r.drift().occurrences()).append(" detections). By status: ").append(esc(String.valueOf(r.drift().byStatus())))
                .append(". By severity: ").append(esc(String.valueOf(r.drift().bySeverity()))).append(".</p>");
        h.append("<table><tr><th>Rule</th><th>Severity</th><th>Alerts</th><th>By status</th></tr>");
        r.drift().byRule().forEach(d -> h.append("<tr><td>").append(esc(d.rule())).append("</td><td>").append(esc(d.severity()))
                .append("</td><td class=\"n\">").append(d.alerts()).append("</td><td>").append(esc(String.valueOf(d.byStatus())))
                .append("</td></tr>"));
        h.append("</table><h3>Alerts (most severe first");
        if (r.drift().alerts() > r.drift().listedLimit()) {
            h.append(", first ").append(r.drift().listedLimit()).append(" of ").append(r.drift().alerts());
        }
        h.append(")</h3><table><tr><th>First event</th><th>Severity</th><th>Agent</th><th>Rule</th><th>Count</th><th>Status</th><th>Resolved by, why</th></tr>");
        r.drift().listed().forEach(a -> h.append("<tr><td>").append(a.firstEventTime()).append("</td><td>").append(esc(a.severity()))
                .append("</td><td>").append(esc(a.agentId())).append("</td><td>").append(esc(a.rule())).append("</td><td class=\"n\">")
                .append(a.count()).append("</td><td>").append(esc(a.status())).append("</td><td>")
                .append(a.resolvedBy() == null ? "" : esc(a.resolvedBy() + (a.reason() == null ? "" : ": " + a.reason())))
                .append("</td></tr>"));
        h.append("</table></section>\n");

        h.append("<section><h2>Exceptions in force</h2><p>").append(r.exceptions().inForce().isEmpty() ? "None. " : "")
                .append(esc(r.exceptions().note())).append("</p>");
        if (!r.exceptions().inForce().isEmpty()) {
            h.append("<table><tr><th>Scope</th><th>Behaviour</th><th>Owner</th><th>Reason</th><th>Ticket</th>"
                    + "<th>Expires</th><th>Status</th></tr>");
            for (java.util.Map<String, Object> x : r.exceptions().inForce()) {
                h.append("<tr>");
                for (String field : java.util.List.of("scope", "behaviourKey", "owner", "reason", "ticket", "expiresAt", "status")) {
                    h.append("<td>").append(esc(String.valueOf(x.get(field)))).append("</td>");
                }
                h.append("</tr>");
            }
            h.append("</table>");
        }
        h.append("</section>\n");

        h.append("<section><h2>Checks performed</h2><p>Rule version ").append(r.checks().ruleVersion()).append(" with ")
                .append(r.checks().rulesLoaded()).append(" rules evaluated ").append(r.checks().eventsEvaluated())
                .append(" events; ").append(r.checks().ruleVersionsActivated()).append(" rule versions activated in the period.</p>")
                .append("<table><tr><th>Rule</th><th>Severity</th><th>Compliance tags</th></tr>");
        r.checks().rules().forEach(x -> h.append("<tr><td>").append(esc(x.name())).append("</td><td>").append(esc(x.severity()))
                .append("</td><td>").append(esc(x.compliance() == null ? "" : String.join(", ", x.compliance()))).append("</td></tr>"));
        h.append("</table></section>\n");

        h.append("<section><h2>Agents and events covered</h2><table><tr><th>Agent</th><th>Events</th><th>First day</th><th>Last day</th><th>Days</th></tr>");
        r.coverage().perAgent().forEach(a -> h.append("<tr><td>").append(esc(a.agentId())).append("</td><td class=\"n\">")
                .append(a.events()).append("</td><td>").append(a.firstDay()).append("</td><td>").append(a.lastDay())
                .append("</td><td class=\"n\">").append(a.days()).append("</td></tr>"));
        h.append("</table></section>\n");

        changes("Rule changes", r.ruleChanges());
        changes("Deployment records", r.deployments());

        h.append("<section><h2>Record integrity</h2><table><tr><th>Chain</th><th>Result</th></tr><tr><td>Audit log</td><td>")
                .append(r.integrity().auditLog().intact() ? "intact: " + r.integrity().auditLog().entries() + " entries verified"
                        : esc("broken: " + r.integrity().auditLog().firstBroken().reason()))
                .append("</td></tr><tr><td>Deployment records</td><td>")
                .append(r.integrity().deploymentChain().intact() ? "intact: " + r.integrity().deploymentChain().records() + " records verified"
                        : esc((r.integrity().deploymentChain().accepted() ? "breaks acknowledged: " : "broken: ")
                        + r.integrity().deploymentChain().firstBreak()))
                .append("</td></tr></table><p class=\"meta\">Governance: ").append(esc(String.valueOf(r.governance())))
                .append("</p></section>\n</body></html>\n");
        return h.toString();
    }

    private void card(String label, Object value) {
        h.append("<div class=\"card\"><div class=\"v\">").append(esc(String.valueOf(value))).append("</div><div>")
                .append(esc(label)).append("</div></div>");
    }

    private void changes(String title, List<Change> changes) {
        h.append("<section><h2>").append(esc(title)).append("</h2>");
        if (changes.isEmpty()) {
            h.append("<p>None in the period.</p></section>\n");
            return;
        }
        h.append("<table><tr><th>When</th><th>By</th><th>What</th><th>Details</th></tr>");
        changes.forEach(c -> h.append("<tr><td>").append(c.at()).append("</td><td>").append(esc(c.actor())).append("</td><td>")
                .append(esc(c.subject())).append("</td><td>").append(esc(String.valueOf(c.details()))).append("</td></tr>"));
        h.append("</table></section>\n");
    }

    /** Stacked bars, one per day (or week in a long period), of alerts by severity; axis ticks and a legend. */
    private void chart(EvidenceReport r) {
        LocalDate first = LocalDate.ofInstant(r.period().from(), ZoneOffset.UTC);
        LocalDate last = LocalDate.ofInstant(r.period().to().minusMillis(1), ZoneOffset.UTC);
        long days = ChronoUnit.DAYS.between(first, last) + 1;
        int step = days > MAX_DAY_BARS ? 7 : 1;
        int bars = (int) ((days + step - 1) / step);
        long[][] counts = new long[bars][SEVERITIES.size()];
        for (AlertFigures.DayCount d : r.drift().perDay()) {
            int bar = (int) (ChronoUnit.DAYS.between(first, d.day()) / step);
            int sev = SEVERITIES.indexOf(d.severity());
            if (bar >= 0 && bar < bars) {
                counts[bar][sev < 0 ? SEVERITIES.size() - 1 : sev] += d.alerts();
            }
        }
        long max = 1;
        for (long[] c : counts) {
            long sum = 0;
            for (long v : c) {
                sum += v;
            }
            max = Math.max(max, sum);
        }
        int w = 900;
        int height = 260;
        int left = 50;
        int bottom = 40;
        int top = 20;
        double plotW = w - left - 10;
        double plotH = height - top - bottom;
        double barW = plotW / bars;
        h.append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" class=\"chart\" viewBox=\"0 0 ").append(w).append(' ')
                .append(height + 30).append("\" width=\"100%\"><title>Alerts per ").append(step == 1 ? "day" : "week")
                .append(" by severity</title>");
        TreeMap<Long, Boolean> ticks = new TreeMap<>();
        for (int i = 0; i <= 4; i++) {
            ticks.put(Math.round(max * i / 4.0), true);
        }
        for (long t : ticks.keySet()) {
            double y = top + plotH - plotH * t / max;
            h.append(String.format(java.util.Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#e5e7eb\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%d</text>", left, w - 10, y, y, left - 6, y + 4, t));
        }
        // month-day is enough within one year; across years the year is needed
        java.util.function.Function<LocalDate, String> label = d -> first.getYear() == last.getYear()
                ? d.toString().substring(5) : d.toString();
        for (int b = 0; b < bars; b++) {
            double x = left + b * barW;
            double y = top + plotH;
            for (int s = 0; s < SEVERITIES.size(); s++) {
                if (counts[b][s] == 0) {
                    continue;
                }
                double bh = plotH * counts[b][s] / max;
                y -= bh;
                h.append(String.format(java.util.Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">"
                        + "<title>%s %s: %d</title></rect>", x + barW * 0.1, y, Math.max(1, barW * 0.8), bh,
                        COLOURS.get(SEVERITIES.get(s)), first.plusDays((long) b * step), SEVERITIES.get(s), counts[b][s]));
            }
            int every = Math.max(1, bars / 10);
            if (b % every == 0) {
                h.append(String.format(java.util.Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%s</text>",
                        x + barW / 2, height - bottom + 14, label.apply(first.plusDays((long) b * step))));
            }
        }
        h.append(String.format(java.util.Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#111827\"/>",
                left, w - 10, top + plotH, top + plotH));
        int lx = left;
        for (String s : SEVERITIES) {
            h.append("<rect x=\"").append(lx).append("\" y=\"").append(height + 5).append("\" width=\"12\" height=\"12\" fill=\"")
                    .append(COLOURS.get(s)).append("\"/><text x=\"").append(lx + 16).append("\" y=\"").append(height + 15)
                    .append("\" font-size=\"12\">").append(s).append("</text>");
            lx += 90;
        }
        h.append("</svg>");
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#111827;margin:2rem auto;max-width:1100px;padding:0 1rem;line-height:1.4}
            h1{font-size:1.6rem;margin:0 0 .3rem}h2{font-size:1.2rem;border-bottom:2px solid #e5e7eb;padding-bottom:.2rem;margin-top:2rem}
            h3{font-size:1rem}.meta{color:#4b5563;font-size:.9rem;margin:.2rem 0}
            table{border-collapse:collapse;width:100%;font-size:.85rem}th,td{border:1px solid #e5e7eb;padding:.3rem .5rem;text-align:left;vertical-align:top}
            th{background:#f3f4f6}td.n{text-align:right}td ul{margin:0;padding-left:1.1rem}
            td.supported{color:#166534;font-weight:600}td.attention{color:#b91c1c;font-weight:700}
            .cards{display:flex;flex-wrap:wrap;gap:.8rem;margin-top:1rem}.card{border:1px solid #e5e7eb;border-radius:6px;padding:.6rem 1rem;min-width:9rem}
            .card .v{font-size:1.4rem;font-weight:700}.chart{max-width:100%;height:auto}
            @media print{body{margin:0;max-width:none;font-size:10pt}.cards,svg{break-inside:avoid}h2{break-after:avoid}
            table{page-break-inside:auto}tr{break-inside:avoid}.cards .card{border-color:#9ca3af}@page{size:A4;margin:15mm}}
            """;
}
