package jp.kagi.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class KitEscapingTest {

    /** The subject exactly as nginx 1.22 (OpenSSL 3) printed it in $ssl_client_s_dn for this OU. */
    private static final String NASTY = "顧客 A$x'{}(.*)";
    private static final String NGINX_DN = "CN=dsca00001,OU=\\E9\\A1\\A7\\E5\\AE\\A2 A$x'{}(.*),C=JP";

    @Test
    void rfc2253ValueIsWhatOpensslPrints() {
        assertEquals("\\E9\\A1\\A7\\E5\\AE\\A2 A$x'{}(.*)", KitEscaping.rfc2253Value(NASTY));
        assertEquals("a\\,b\\+c\\\"d\\\\e\\<f\\>g\\;h", KitEscaping.rfc2253Value("a,b+c\"d\\e<f>g;h"));
        assertEquals("\\#x y\\ ", KitEscaping.rfc2253Value("#x y "));
        assertEquals("a\\0Ab", KitEscaping.rfc2253Value("a\nb"));
    }

    @Test
    void theNginxRegexMatchesThisCustomersSubjectOnly() {
        Pattern p = nginxRegex(KitEscaping.nginxSubjectRegex(NASTY, "JP"));
        assertTrue(p.matcher(NGINX_DN).matches(), p.pattern());
        assertFalse(p.matcher(NGINX_DN.replace(",C=JP", ",C=US")).matches());
        assertFalse(p.matcher("CN=dsca00001,OU=\\E9\\A1\\A7\\E5\\AE\\A2 AAx'{}(.*),C=JP").matches(), "$ is literal");
        assertFalse(p.matcher("CN=dsca00001,OU=\\E9\\A1\\A7\\E5\\AE\\A2 A$x'{}(..),C=JP").matches(), ". is literal");

        Pattern acme = nginxRegex(KitEscaping.nginxSubjectRegex("Acme", "JP"));
        assertTrue(acme.matcher("CN=dsca00042,OU=Acme,C=JP").matches());
        assertFalse(acme.matcher("CN=dsca00042,OU=Acme Two,C=JP").matches(), "a longer name");
        assertFalse(acme.matcher("CN=dsca00042,OU=x\\,OU=Acme,C=JP").matches(), "a name that ends like a DN");
        assertFalse(acme.matcher("CN=dsca00042,OU=Acme\\,C=JP,C=JP").matches());
    }

    @Test
    void nginxStringsKeepQuotesAndBackslashes() {
        assertEquals("\"a\\\\b\\\"c\"", KitEscaping.nginxQuoted("a\\b\"c"));
        assertEquals("a\\b\"c", nginxUnquote(KitEscaping.nginxQuoted("a\\b\"c")));
    }

    @Test
    void apacheComparesBase64OfTheUtf8() {
        assertEquals(NASTY, new String(Base64.getDecoder().decode(KitEscaping.base64(NASTY)), StandardCharsets.UTF_8));
        assertEquals("6aGn5a6iIEEkeCd7fSguKik=", KitEscaping.base64(NASTY), "what Apache's base64() gave for it");
    }

    @Test
    void shellAndComments() {
        assertEquals("'it'\\''s $HOME'", KitEscaping.shellQuoted("it's $HOME"));
        assertEquals("a?b?c?d", KitEscaping.comment("a\nb\\c\u2028d"));
    }

    /** What nginx's parser makes of a double-quoted token: \\ → \, \" → ", \' → ' (and \t, \r, \n). */
    static String nginxUnquote(String token) {
        assertTrue(token.startsWith("\"") && token.endsWith("\""), token);
        String body = token.substring(1, token.length() - 1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\' && i + 1 < body.length() && "\"'\\".indexOf(body.charAt(i + 1)) >= 0) {
                out.append(body.charAt(++i));
            } else if (c == '"') {
                throw new AssertionError("an unescaped quote ends the token early: " + token);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static Pattern nginxRegex(String token) {
        String regex = nginxUnquote(token);
        assertTrue(regex.startsWith("~"), regex);
        return Pattern.compile(regex.substring(1));
    }
}
