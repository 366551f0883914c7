package jp.kagi.dashboard;

import java.util.List;

/**
 * A grouped bar chart as the Chart.js configuration JSON that PrimeFaces 15's {@code <p:chart value="...">} takes.
 * Built by hand because it is small and the EJB module has no JSON binding at unit-test time; every string goes
 * through {@link #quote(String)}, so a customer name cannot break out of the JSON.
 */
public record BarChart(String title, List<String> labels, List<Series> series) {

    /** One coloured set of bars, one value per label. */
    public record Series(String label, String color, List<Long> values) {

        public Series {
            values = List.copyOf(values);
        }
    }

    public BarChart {
        labels = List.copyOf(labels);
        series = List.copyOf(series);
        for (Series s : series) {
            if (s.values().size() != labels.size()) {
                throw new IllegalArgumentException("Series " + s.label() + " has " + s.values().size()
                        + " values for " + labels.size() + " labels");
            }
        }
    }

    public String toJson() {
        StringBuilder json = new StringBuilder("{\"type\":\"bar\",\"data\":{\"labels\":[");
        for (int i = 0; i < labels.size(); i++) {
            json.append(i == 0 ? "" : ",").append(quote(labels.get(i)));
        }
        json.append("],\"datasets\":[");
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            json.append(i == 0 ? "" : ",").append("{\"label\":").append(quote(s.label()))
                    .append(",\"backgroundColor\":").append(quote(s.color())).append(",\"data\":[");
            for (int j = 0; j < s.values().size(); j++) {
                json.append(j == 0 ? "" : ",").append(s.values().get(j));
            }
            json.append("]}");
        }
        // Whole numbers on the axis: these are counts of certificates.
        return json.append("]},\"options\":{\"responsive\":true,\"maintainAspectRatio\":false,")
                .append("\"plugins\":{\"title\":{\"display\":true,\"text\":").append(quote(title)).append("}},")
                .append("\"scales\":{\"y\":{\"beginAtZero\":true,\"ticks\":{\"precision\":0}}}}}").toString();
    }

    /** A JSON string literal; also escapes < > & so that the JSON is safe inside an HTML script block. */
    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char ch : (text == null ? "" : text).toCharArray()) {
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (ch < 0x20 || ch == '<' || ch == '>' || ch == '&' || ch == '\u2028' || ch == '\u2029') {
                        out.append(String.format("\\u%04x", (int) ch));
                    } else {
                        out.append(ch);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
