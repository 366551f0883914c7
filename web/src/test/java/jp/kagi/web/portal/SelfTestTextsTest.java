package jp.kagi.web.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The portal's link to the self-test carries the name issue 11 gives it. The page's own texts (every state and advice)
 * are in the asp module and tested there (SelfTestPageTest).
 */
class SelfTestTextsTest {

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
