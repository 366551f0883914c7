package jp.kagi.renewal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import jp.kagi.platform.KagiException;
import org.junit.jupiter.api.Test;

/** A campaign request checked without a database: dates, reminder steps, refusals with their message keys. */
class CampaignSettingsTest {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final Instant NOW = Instant.parse("2027-04-01T00:00:00Z");
    private static final Duration WARN = Duration.ofDays(14);

    private static CampaignRequest request(String completion, List<String> reminders) {
        return new CampaignRequest("2027 renewal", List.of("Densan"), null, null, completion, reminders, null, null,
                null, null, null, null);
    }

    private static String refusal(CampaignRequest request) {
        return assertThrows(KagiException.class, () -> CampaignSettings.of(request, NOW, TOKYO, WARN)).messageKey();
    }

    @Test
    void aDateIsTheEndOfThatDayInTheCasZone() {
        CampaignSettings s = CampaignSettings.of(request("2027-04-30", List.of("P14D", "P3D")), NOW, TOKYO, WARN);
        assertEquals(Instant.parse("2027-04-30T14:59:59Z"), s.completion().at(), "23:59:59 JST");
        assertTrue(CampaignSettings.Completion.isDate(s.completion().text()));
        assertEquals(List.of(Duration.ofDays(14), Duration.ofDays(3)), s.reminders());
        assertEquals(WARN, s.expiryWarning());
        assertEquals(0, s.validityMonths(), "0: each customer's renewal validity");
    }

    @Test
    void aDateTimeWithOrWithoutOffsetAndSecondsScaleStepsForARehearsal() {
        CampaignSettings s = CampaignSettings.of(request("2027-04-01T09:01:00+09:00", List.of("PT20S", "PT40S", "PT20S")),
                NOW, TOKYO, WARN);
        assertEquals(Instant.parse("2027-04-01T00:01:00Z"), s.completion().at());
        assertEquals(List.of(Duration.ofSeconds(40), Duration.ofSeconds(20)), s.reminders(), "longest first, once each");
        assertEquals(Instant.parse("2027-04-01T00:01:00Z"),
                CampaignSettings.of(request("2027-04-01T09:01:00", List.of()), NOW, TOKYO, WARN).completion().at(),
                "without offset: the CA's zone");
    }

    @Test
    void badRequestsAreRefusedWithTheirOwnMessage() {
        assertEquals("error.campaign.completionPast", refusal(request("2027-03-31", List.of())));
        assertEquals("error.campaign.completionFormat", refusal(request("30/04/2027", List.of())));
        assertEquals("error.required", refusal(request(" ", List.of())));
        assertEquals("error.campaign.reminderAfterCompletion", refusal(request("2027-04-30", List.of("-P1D"))));
        assertEquals("error.campaign.reminderAfterCompletion", refusal(request("2027-04-30", List.of("PT0S"))));
        assertEquals("error.campaign.duration", refusal(request("2027-04-30", List.of("14 days"))));
        assertEquals("error.campaign.reminderTooEarly", refusal(request("2027-04-30", List.of("P30D"))));
        assertEquals("error.campaign.noCustomers", refusal(new CampaignRequest("x", List.of(), false, null,
                "2027-04-30", null, null, null, null, null, null, null)));
        assertEquals("error.required", refusal(new CampaignRequest(" ", List.of("A"), null, null, "2027-04-30", null,
                null, null, null, null, null, null)));
        assertEquals("error.validityMonths", refusal(new CampaignRequest("x", List.of("A"), null, null, "2027-04-30",
                null, 0, null, null, null, null, null)));
        assertEquals("error.campaign.tooManyReminders", refusal(request("2027-04-30", List.of("P1D", "P2D", "P3D",
                "P4D", "P5D", "P6D", "P7D", "P8D", "P9D", "P10D", "P11D"))));
    }

    @Test
    void allDueNeedsNoCustomerNames() {
        CampaignSettings s = CampaignSettings.of(new CampaignRequest("x", null, true, List.of(" u1 ", "u1"),
                "2027-04-30", null, 37, "P30D", "理由", null, null, null), NOW, TOKYO, WARN);
        assertTrue(s.allDue());
        assertEquals(List.of("u1"), s.exclude());
        assertEquals(Duration.ofDays(30), s.expiryWarning());
        assertEquals(37, s.validityMonths());
    }

    @Test
    void rowStatesAndFilters() {
        assertEquals(java.util.EnumSet.of(CampaignRowState.PENDING, CampaignRowState.LOCKED),
                CampaignRowState.filter("not_retrieved"));
        assertEquals(java.util.EnumSet.allOf(CampaignRowState.class), CampaignRowState.filter(null));
        assertEquals("error.status", assertThrows(KagiException.class, () -> CampaignRowState.filter("DONE")).messageKey());
        assertEquals(CampaignRowState.LOCKED, CampaignFigures.state(CampaignAccountStatus.RENEWED, null,
                jp.kagi.retrieval.RequestStatus.LOCKED));
        assertEquals(CampaignRowState.RETRIEVED, CampaignFigures.state(CampaignAccountStatus.RENEWED, NOW,
                jp.kagi.retrieval.RequestStatus.LOCKED), "retrieved, then locked 3 days later: still retrieved");
    }
}
