package jp.kagi.dashboard;

import java.util.List;
import java.util.function.ToLongFunction;

/** Builds the dashboard's two charts from its figures; labels come translated from the caller. */
public final class DashboardCharts {

    private DashboardCharts() {
    }

    /** Issued, retrieved, installed (self-test passed) and locked per customer. */
    public static BarChart lifecycle(DashboardFigures figures, String title, String issued, String retrieved,
                                     String installed, String locked) {
        return new BarChart(title, names(figures), List.of(
                series(figures, issued, "#1f6feb", CustomerFigures::issued),
                series(figures, retrieved, "#2da44e", CustomerFigures::retrieved),
                series(figures, installed, "#116329", CustomerFigures::installed),
                series(figures, locked, "#cf222e", CustomerFigures::locked)));
    }

    /** Certificates expiring within 30 and within 90 days per customer. */
    public static BarChart expiring(DashboardFigures figures, String title, String within30, String within90) {
        return new BarChart(title, names(figures), List.of(
                series(figures, within30, "#d1242f", CustomerFigures::expiring30),
                series(figures, within90, "#bf8700", CustomerFigures::expiring90)));
    }

    private static List<String> names(DashboardFigures figures) {
        return figures.customers().stream().map(CustomerFigures::customer).toList();
    }

    private static BarChart.Series series(DashboardFigures figures, String label, String color,
                                          ToLongFunction<CustomerFigures> value) {
        return new BarChart.Series(label, color, figures.customers().stream().map(c -> value.applyAsLong(c)).toList());
    }
}
