package jp.kagi.web.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;
import jp.kagi.selftest.Advice;
import jp.kagi.selftest.CertificateState;
import org.junit.jupiter.api.Test;

/**
 * The self-test page maps SelfTests' answer to these texts: every state and every advice has one in both languages,
 * each advice formats with its arguments, and the labels are the ones issue 11 names.
 */
class SelfTestTextsTest {

    @Test
    void everyStateAndAdviceHasATextInBothLanguages() throws IOException {
        for (String bundle : new String[] {"/messages.properties", "/messages_ja.properties"}) {
            Properties p = bundle(bundle);
            for (CertificateState state : CertificateState.values()) {
                assertNotNull(p.getProperty("selftest.state." + state.name()), bundle + " " + state);
            }
            for (Advice advice : Advice.values()) {
                String text = p.getProperty(advice.messageKey());
                assertNotNull(text, bundle + " " + advice.messageKey());
                String formatted = new MessageFormat(text, Locale.ROOT)
                        .format(new Object[] {"dsca00012", "dsca00345", "ca@example.jp"});
                assertTrue(!formatted.contains("{") && !formatted.contains("'"), bundle + " " + formatted);
            }
        }
    }

    @Test
    void theOlderCertificateAdviceNamesBothCertificates() throws IOException {
        String en = new MessageFormat(bundle("/messages.properties").getProperty(Advice.CHOOSE_NEWER.messageKey()),
                Locale.ENGLISH).format(new Object[] {"dsca00012", "dsca00345", ""});
        assertEquals("Your browser sent the older dsca00012. Choose dsca00345 in the certificate selection dialog"
                + " (the one with the higher number).", en);
        String ja = bundle("/messages_ja.properties").getProperty(Advice.CHOOSE_NEWER.messageKey());
        assertTrue(ja.contains("「dscaXXXXX」の番号の大きい方"), "the seed's wording: " + ja);
    }

    @Test
    void theMenuLabelIsTheOneTheIssueNames() throws IOException {
        assertEquals("証明書の動作確認", bundle("/messages_ja.properties").getProperty("menu.selftest"));
        assertEquals("Test my certificate", bundle("/messages.properties").getProperty("menu.selftest"));
    }

    private static Properties bundle(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = SelfTestTextsTest.class.getResourceAsStream(name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }
}
