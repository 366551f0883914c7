package jp.kagi.web.asp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import jp.kagi.asp.RefusalReason;
import org.junit.jupiter.api.Test;

class AspTextsTest {

    @Test
    void theFirstAcceptLanguageDecides() {
        assertEquals(Locale.JAPANESE, AspTexts.of(Collections.enumeration(List.of(Locale.JAPAN, Locale.US))).locale());
        assertEquals(Locale.ENGLISH, AspTexts.of(Collections.enumeration(List.of(Locale.FRENCH, Locale.JAPAN))).locale());
        assertEquals(Locale.ENGLISH, AspTexts.of(Collections.emptyEnumeration()).locale());
        assertEquals("ようこそ、A 社 の dsca00001 さん。",
                AspTexts.of(Collections.enumeration(List.of(Locale.JAPANESE))).get("asp.greeting", "dsca00001", "A 社"));
    }

    @Test
    void bothLanguagesHaveTheSameKeysAndEveryPageRefusalIsWorded() throws Exception {
        Properties en = load("/messages.properties");
        Properties ja = load("/messages_ja.properties");
        assertEquals(en.keySet(), ja.keySet());
        for (RefusalReason r : List.of(RefusalReason.NO_CERTIFICATE, RefusalReason.CA_CERTIFICATE,
                RefusalReason.NOT_FOR_CLIENT_AUTH)) {
            assertTrue(en.containsKey("asp.refused." + r.name()), r.name());
        }
    }

    private static Properties load(String name) throws Exception {
        Properties p = new Properties();
        try (InputStream in = AspTextsTest.class.getResourceAsStream(name)) {
            p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        return p;
    }
}
