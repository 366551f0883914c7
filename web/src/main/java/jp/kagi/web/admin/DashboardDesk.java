package jp.kagi.web.admin;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import java.util.Locale;
import jp.kagi.dashboard.CertificateStatistics;
import jp.kagi.dashboard.DashboardCharts;
import jp.kagi.dashboard.DashboardFigures;
import jp.kagi.web.i18n.Feedback;

/**
 * The dashboard: certificate figures per customer and in total, with two bar charts. Request scoped because it only
 * reads; the figures are counted once per request. An operator sees only its own customers.
 */
@Named
@RequestScoped
public class DashboardDesk {

    @Inject
    CertificateStatistics statistics;

    @Inject
    AdminSession session;

    private DashboardFigures figures;

    public DashboardFigures getFigures() {
        if (figures == null) {
            figures = statistics.figures(session.getPrincipal());
        }
        return figures;
    }

    /** Issued, retrieved, installed and locked per customer, as Chart.js JSON for {@code <p:chart>}. */
    public String getLifecycleChart() {
        return DashboardCharts.lifecycle(getFigures(), text("admin.dashboard.lifecycleChart"),
                text("admin.dashboard.issued"), text("admin.dashboard.retrieved"), text("admin.dashboard.installed"),
                text("admin.dashboard.locked"))
                .toJson();
    }

    /** Expiring within 30 and 90 days per customer, as Chart.js JSON. */
    public String getExpiringChart() {
        return DashboardCharts.expiring(getFigures(), text("admin.dashboard.expiringChart"),
                text("admin.dashboard.expiring30"), text("admin.dashboard.expiring90")).toJson();
    }

    private static String text(String key) {
        Locale locale = FacesContext.getCurrentInstance().getViewRoot().getLocale();
        return Feedback.text(locale, key, List.of());
    }
}
