package jp.kagi.web.asp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import jp.kagi.selftest.Advice;
import jp.kagi.selftest.CertificateState;
import jp.kagi.selftest.SelfTestCertificate;
import jp.kagi.selftest.SelfTestResult;
import org.junit.jupiter.api.Test;

/**
 * The self-test page maps SelfTests' answer to these texts: every state and every advice has one in both languages,
 * each advice formats with its arguments, and the page shows what issue 11 asks for, escaped.
 */
class SelfTestPageTest {

    private static final Instant FROM = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant UNTIL = Instant.parse("2027-11-01T00:00:00Z");

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
        assertEquals("証明書の動作確認", bundle("/messages_ja.properties").getProperty("selftest.title"));
        assertEquals("Test my certificate", bundle("/messages.properties").getProperty("selftest.title"));
    }

    @Test
    void aSupersededCertificateIsNamedWithTheNewerOneAndTheFirstSuccessIsShown() {
        SelfTestResult r = new SelfTestResult(cert("dsca00012", "A&B <Co>", "0A"), CertificateState.SUPERSEDED, false,
                cert("dsca00345", "A&B <Co>", "0B"), Advice.CHOOSE_NEWER, "ca@example.jp", FROM, true);
        String en = SelfTestServlet.body(texts(Locale.ENGLISH), r);
        assertTrue(en.contains("<dd id=\"cn\">dsca00012</dd>"), en);
        assertTrue(en.contains("<dd id=\"customer\">A&amp;B &lt;Co&gt;</dd>"), en);
        assertTrue(en.contains("<dd id=\"serial\">0A</dd>"), en);
        assertTrue(en.contains("<dd id=\"notAfter\">2027-11-01 09:00:00 JST</dd>"), en);
        assertTrue(en.contains("Valid, but replaced by a newer certificate"), en);
        assertTrue(en.contains("Your account has a newer certificate: dsca00345."), en);
        assertTrue(en.contains("Your browser sent the older dsca00012. Choose dsca00345"), en);
        assertTrue(en.contains("id=\"installedFirst\""), en);
        assertFalse(en.contains("<Co>"), en);
        assertFalse(en.contains("refusedElsewhere"), "a working certificate needs no refusal text: " + en);
        String ja = SelfTestServlet.body(texts(Locale.JAPANESE), r);
        assertTrue(ja.contains("ブラウザは旧証明書 dsca00012 を送信しました"), ja);
    }

    @Test
    void aCurrentCertificateTestedAgainShowsWhenItFirstPassed() {
        SelfTestResult r = new SelfTestResult(cert("dsca00345", "A", "0B"), CertificateState.CURRENT, true, null,
                Advice.ALL_GOOD, "ca@example.jp", FROM, false);
        String ja = SelfTestServlet.body(texts(Locale.JAPANESE), r);
        assertTrue(ja.contains("有効 (最新)") && ja.contains("お客様の最新の証明書です。"), ja);
        assertTrue(ja.contains("<dd id=\"installedAt\">2026-11-01 09:00:00 JST</dd>"), ja);
        assertFalse(ja.contains("installedFirst"), ja);
    }

    @Test
    void aRefusalThePageCanSeeIsExplained() {
        SelfTestResult revoked = new SelfTestResult(cert("dsca00012", "A", "0A"), CertificateState.REVOKED, true, null,
                Advice.CONTACT_REVOKED, "ca@example.jp", null, false);
        String en = SelfTestServlet.body(texts(Locale.ENGLISH), revoked);
        assertTrue(en.contains(">Revoked<"), en);
        assertTrue(en.contains("This certificate (dsca00012) was revoked and no longer works. Contact your administrator"
                + " (ca@example.jp)."), en);
        assertTrue(en.contains("id=\"refusedElsewhere\""), en);
        assertFalse(en.contains("installedAt"), en);
        SelfTestResult none = new SelfTestResult(null, CertificateState.NONE, false, null, Advice.INSTALL_CERTIFICATE,
                null, null, false);
        String ja = SelfTestServlet.body(texts(Locale.JAPANESE), none);
        assertTrue(ja.contains("証明書なし") && ja.contains("ブラウザは証明書を送信しませんでした"), ja);
        assertFalse(ja.contains("id=\"cn\""), ja);
    }

    private static SelfTestCertificate cert(String cn, String customer, String serial) {
        return new SelfTestCertificate(cn, customer, serial, FROM, UNTIL);
    }

    private static AspTexts texts(Locale locale) {
        return AspTexts.of(Collections.enumeration(List.of(locale)));
    }

    private static Properties bundle(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = SelfTestPageTest.class.getResourceAsStream(name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }
}
