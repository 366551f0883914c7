package jp.kagi.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Chart.js models for the dashboard: the right numbers per customer, and JSON that names cannot break. */
class BarChartTest {

    private static final DashboardFigures FIGURES = new DashboardFigures(Instant.EPOCH, List.of(
            new CustomerFigures("Acme", 10, 4, 5, 1, 2, 3, 6, 3),
            new CustomerFigures("電算\"<b>", 2, 0, 2, 0, 0, 0, 1, 0)),
            CustomerFigures.total(List.of()));

    @Test
    void lifecycleChartHasIssuedRetrievedInstalledLockedPerCustomer() {
        String json = DashboardCharts.lifecycle(FIGURES, "Certificates", "Issued", "Retrieved", "Installed", "Locked")
                .toJson();
        assertTrue(json.startsWith("{\"type\":\"bar\",\"data\":{\"labels\":[\"Acme\",\"電算\\\"\\u003cb\\u003e\"],"),
                json);
        assertTrue(json.contains("{\"label\":\"Issued\",\"backgroundColor\":\"#1f6feb\",\"data\":[10,2]}"), json);
        assertTrue(json.contains("{\"label\":\"Retrieved\",\"backgroundColor\":\"#2da44e\",\"data\":[4,0]}"), json);
        assertTrue(json.contains("{\"label\":\"Installed\",\"backgroundColor\":\"#116329\",\"data\":[3,0]}"), json);
        assertTrue(json.contains("{\"label\":\"Locked\",\"backgroundColor\":\"#cf222e\",\"data\":[1,0]}"), json);
        assertTrue(json.contains("\"title\":{\"display\":true,\"text\":\"Certificates\"}"), json);
    }

    @Test
    void expiringChartHas30And90Days() {
        String json = DashboardCharts.expiring(FIGURES, "Expiring", "30 days", "90 days").toJson();
        assertTrue(json.contains("\"label\":\"30 days\",\"backgroundColor\":\"#d1242f\",\"data\":[3,0]"), json);
        assertTrue(json.contains("\"label\":\"90 days\",\"backgroundColor\":\"#bf8700\",\"data\":[6,1]"), json);
    }

    @Test
    void quoteEscapesControlAndHtmlCharacters() {
        assertEquals("\"a\\\\b\\n\\u0001\\u0026\"", BarChart.quote("a\\b\n\u0001&"));
        assertEquals("\"\"", BarChart.quote(null));
    }

    @Test
    void seriesMustMatchLabels() {
        assertThrows(IllegalArgumentException.class, () -> new BarChart("t", List.of("a", "b"),
                List.of(new BarChart.Series("s", "#000", List.of(1L)))));
    }

    @Test
    void totalSumsEveryColumn() {
        CustomerFigures total = CustomerFigures.total(FIGURES.customers());
        assertEquals(new CustomerFigures(null, 12, 4, 7, 1, 2, 3, 7, 3), total);
        assertEquals(new CustomerFigures(null, 0, 0, 0, 0, 0, 0, 0, 0), CustomerFigures.total(List.of()));
    }

    @Test
    void sqlNumbersOfAnyTypeOrNullBecomeLongs() {
        assertEquals(0, CertificateStatistics.number(null));
        assertEquals(5, CertificateStatistics.number(5));
        assertEquals(7, CertificateStatistics.number(new java.math.BigDecimal("7")));
    }
}
