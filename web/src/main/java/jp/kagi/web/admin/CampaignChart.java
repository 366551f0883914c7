package jp.kagi.web.admin;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jp.kagi.dashboard.BarChart;
import jp.kagi.renewal.DailyCount;

/**
 * The campaign's chart: new keys retrieved per day, one bar per day from the first retrieval (or the completion
 * date) to the later of the last retrieval and the completion date; the completion day carries a second, marked bar
 * so that it shows against the retrievals. Translation at the edge: the labels come from the page.
 */
final class CampaignChart {

    /** A long campaign is shown by its last days only. */
    static final int MAX_DAYS = 92;

    private CampaignChart() {
    }

    static BarChart retrievals(List<DailyCount> counts, LocalDate completion, String title, String retrieved,
                               String completionLabel) {
        Map<LocalDate, Long> byDay = new TreeMap<>();
        for (DailyCount c : counts) {
            byDay.merge(c.day(), c.count(), Long::sum);
        }
        LocalDate first = byDay.isEmpty() ? completion : ((TreeMap<LocalDate, Long>) byDay).firstKey();
        LocalDate last = byDay.isEmpty() ? completion : ((TreeMap<LocalDate, Long>) byDay).lastKey();
        if (completion != null && first != null) {
            first = first.isBefore(completion) ? first : completion;
            last = last.isAfter(completion) ? last : completion;
        }
        List<String> labels = new ArrayList<>();
        List<Long> values = new ArrayList<>();
        List<Long> marks = new ArrayList<>();
        if (first != null) {
            if (first.plusDays(MAX_DAYS).isBefore(last)) {
                first = last.minusDays(MAX_DAYS - 1);
            }
            long peak = Math.max(1, byDay.values().stream().mapToLong(Long::longValue).max().orElse(1));
            for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
                labels.add(d.toString());
                values.add(byDay.getOrDefault(d, 0L));
                marks.add(d.equals(completion) ? peak : 0L);
            }
        }
        return new BarChart(title, labels, List.of(new BarChart.Series(retrieved, "#2da44e", values),
                new BarChart.Series(completionLabel, "#cf222e", marks)));
    }
}
