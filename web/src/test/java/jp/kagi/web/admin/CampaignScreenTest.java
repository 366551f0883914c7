package jp.kagi.web.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import jp.kagi.dashboard.BarChart;
import jp.kagi.platform.KagiException;
import jp.kagi.renewal.CampaignRowState;
import jp.kagi.renewal.CampaignRowView;
import jp.kagi.renewal.DailyCount;
import org.junit.jupiter.api.Test;

class CampaignScreenTest {

    @Test
    void userIdsAndStepsAreSplitOnCommasAndBlanks() {
        assertEquals(List.of("u1", "u2", "u3"), CampaignDesk.words(" u1, u2\nu3 ,"));
        assertEquals(List.of("P14D", "P3D"), CampaignDesk.words("P14D P3D"));
        assertEquals(List.of(), CampaignDesk.words("  "));
        assertEquals(List.of("a", "b"), CampaignDesk.words("a、b"));
    }

    @Test
    void blankValidityTakesTheCustomersAndJunkIsRefused() {
        assertNull(CampaignDesk.months(" "));
        assertEquals(37, CampaignDesk.months("37"));
        assertEquals("error.validityMonths",
                assertThrows(KagiException.class, () -> CampaignDesk.months("x")).messageKey());
    }

    @Test
    void dueWindowIsInDays() {
        assertEquals(Duration.ofDays(30), RenewalDueDesk.window("30"));
        assertEquals(Duration.ZERO, RenewalDueDesk.window(""));
        assertEquals("error.campaign.window",
                assertThrows(KagiException.class, () -> RenewalDueDesk.window("abc")).messageKey());
    }

    @Test
    void chartRunsToTheCompletionDayAndMarksIt() {
        LocalDate d = LocalDate.of(2027, 4, 1);
        BarChart chart = CampaignChart.retrievals(List.of(new DailyCount(d, 3), new DailyCount(d.plusDays(2), 1)),
                d.plusDays(4), "t", "retrieved", "completion");
        assertEquals(5, chart.labels().size());
        assertEquals(List.of(3L, 0L, 1L, 0L, 0L), chart.series().get(0).values());
        assertEquals(List.of(0L, 0L, 0L, 0L, 3L), chart.series().get(1).values());
        assertTrue(chart.toJson().contains("\"2027-04-05\""));
    }

    @Test
    void chartWithoutRetrievalsShowsTheCompletionDay() {
        BarChart chart = CampaignChart.retrievals(List.of(), LocalDate.of(2027, 4, 30), "t", "r", "c");
        assertEquals(List.of("2027-04-30"), chart.labels());
    }

    @Test
    void csvIsExcelSafe() throws Exception {
        StringWriter out = new StringWriter();
        CampaignRowView row = new CampaignRowView("=cmd", "山田", "a@example.com", "顧客", CampaignRowState.PENDING,
                "dsca00001", Instant.EPOCH, "dsca00002", "AB", null, "SENT", 1, null, null, List.of(), Instant.EPOCH);
        CampaignExportServlet.write(out, page -> page == 0 ? List.of(row) : List.of());
        String csv = out.toString();
        assertTrue(csv.startsWith("\uFEFF\"userId\""), csv);
        assertTrue(csv.contains("\"'=cmd\",\"山田\""), csv);
        assertTrue(csv.contains("\"PENDING\""), csv);
        assertTrue(csv.contains("\"retrievedAt\",\"installedAt\""), "installed next to retrieved: " + csv);
        assertTrue(csv.contains(",\"\",\"1970-01-01T00:00:00Z\",\"SENT\""), "the installed time: " + csv);
    }
}
