package jp.kagi.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

class AspKitFilesTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    private static AspKit kit(String customer, String base) {
        return AspKitFiles.render(new KitSource(customer, List.of(), new byte[] {0x30, 0x03, 0x02, 0x01, 0x01}, 42,
                NOW.plusSeconds(86_400), base + "/crl/issuing-ca.crl", base + "/ocsp", NOW));
    }

    private static String file(AspKit kit, String name) {
        return new String(kit.files().get(name), StandardCharsets.UTF_8);
    }

    @Test
    void everyTemplateRendersWithTheCustomerEscapedForItsPlace() {
        String customer = "顧客 A$x'{}(.*)";
        AspKit kit = kit(customer, "http://127.0.0.1:8380");
        for (String name : kit.files().keySet()) {
            assertFalse(file(kit, name).contains("{{"), name + " has a token left");
        }
        String nginx = file(kit, AspKitFiles.NGINX);
        assertTrue(nginx.contains("    " + KitEscaping.nginxSubjectRegex(customer, "JP") + " 1;"), nginx);
        assertTrue(nginx.contains("ssl_ocsp_responder \"http://127.0.0.1:8380/ocsp\";"), nginx);
        assertTrue(nginx.contains("# The OCSP URL names an IP address"), "no resolver for an IP: " + nginx);
        assertTrue(nginx.contains("# Customer: " + customer + "\n"));
        String apache = file(kit, AspKitFiles.APACHE);
        assertTrue(apache.contains("base64(%{SSL_CLIENT_S_DN_OU}) == '" + KitEscaping.base64(customer) + "'"), apache);
        assertTrue(apache.contains("#SSLOCSPDefaultResponder \"http://127.0.0.1:8380/ocsp\""), apache);
        String script = file(kit, AspKitFiles.REFRESH);
        assertTrue(script.contains("CRL_URL='http://127.0.0.1:8380/crl/issuing-ca.crl'\n"), script);
        assertTrue(file(kit, AspKitFiles.URLS).contains("OCSP: http://127.0.0.1:8380/ocsp"));
        assertTrue(file(kit, AspKitFiles.README_JA).contains("CRL 番号 42"));
        assertEquals("-----BEGIN X509 CRL-----\nMAMCAQE=\n-----END X509 CRL-----\n", file(kit, AspKitFiles.CRL_PEM));
    }

    @Test
    void aHostNameInTheOcspUrlGetsAResolverToFillIn() {
        String nginx = file(kit("Acme", "http://pki.example.jp"), AspKitFiles.NGINX);
        assertTrue(nginx.contains("\n    resolver 127.0.0.53 valid=300s;\n"), nginx);
    }

    @Test
    void theZipHoldsEveryFileUnderOneAsciiDirectory() throws Exception {
        AspKit kit = kit("Acme", "http://127.0.0.1:8380");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        kit.writeZip(out);
        List<String> names = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(out.toByteArray()))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                names.add(e.getName());
            }
        }
        assertEquals(kit.files().keySet().stream().map(n -> AspKit.DIRECTORY + n).toList(), names);
    }
}
