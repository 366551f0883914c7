package jp.kagi.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A customer's own support desk and manual replace the global ones field by field; empty means "use global". */
class MailOverridesTest {

    private static Map<String, String> global() {
        Map<String, String> v = new HashMap<>();
        v.put("supportName", "Kagi サポート課");
        v.put("supportPhone", "000-000-0000");
        v.put("supportHours", "平日 9:00-17:00");
        v.put("manualUrl", "https://kagi.example/portal/help");
        v.put("serviceName", "マネージドPKI");
        return v;
    }

    @Test
    void givenFieldsWinAndTheRestStayGlobal() {
        Map<String, String> merged = new MailOverrides("電算システム サポート課", "058-279-3458", null,
                "  https://example.jp/manual.pdf ").applyTo(global());
        assertEquals("電算システム サポート課", merged.get("supportName"));
        assertEquals("058-279-3458", merged.get("supportPhone"));
        assertEquals("平日 9:00-17:00", merged.get("supportHours"), "not overridden");
        assertEquals("https://example.jp/manual.pdf", merged.get("manualUrl"), "trimmed");
        assertEquals("マネージドPKI", merged.get("serviceName"), "other values untouched");
    }

    @Test
    void blankOrNoOverridesChangeNothing() {
        assertEquals(global(), new MailOverrides("", " ", null, "").applyTo(global()));
        assertEquals(global(), MailOverrides.NONE.applyTo(global()));
    }
}
