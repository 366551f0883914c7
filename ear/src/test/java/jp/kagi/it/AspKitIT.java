package jp.kagi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.regex.Pattern;
import java.util.zip.ZipInputStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The ASP kit on the customer's own server (issue 11): Debian's nginx and Apache httpd, each a private instance
 * configured exactly as docs/asp-guide.md says, with the kit's files as downloaded through the REST API. Only what
 * the guide tells the customer to fill in is substituted: the kit's directory, port, the server's own certificate
 * and key, and the application behind the server (here a small echo of the X-Kagi-Client-* headers). Real
 * certificates come through the portal as {@code <CN>.p12}, converted with openssl for curl.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AspKitIT {

    @RegisterExtension
    static GreenMailExtension smtp = Mailbox.smtpServer();

    /** Free text as a customer may be named: Japanese, blanks, quote, $, braces, regex characters. */
    private static final String CUSTOMER = "ASP 顧客 " + UUID.randomUUID().toString().substring(0, 6) + " $x'{}(.*)";
    /** Another customer whose name starts with the first one's: a prefix match would admit its users. */
    private static final String OTHER = CUSTOMER + " 別";

    private static Path work;
    private static Path kit;
    private static HttpServer app;
    private static Holder good;
    private static Holder other;

    private final Api api = Api.admin();

    /** A certificate holder's files for curl. */
    record Holder(String cn, String serial, Path cert, Path key) {
        List<String> curlArgs() {
            return List.of("--cert", cert.toString(), "--key", key.toString());
        }
    }

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return KagiDeployment.shipped();
    }

    @BeforeAll
    static void serversCertificatesAndKit() throws Exception {
        PrivateWebServer.ensureInstalled("nginx", "nginx");
        PrivateWebServer.ensureInstalled("apache2", "apache2");
        work = Files.createTempDirectory("kagi-asp-kit-it");
        Api admin = Api.admin();
        for (String name : List.of(CUSTOMER, OTHER)) {
            Api.Response created = admin.post("/api/v1/customers", Json.createObjectBuilder().add("name", name)
                    .add("contactEmail", "ca@example.jp").build().toString());
            assertEquals(201, created.status(), created.body());
        }
        AspKitIT self = new AspKitIT();
        good = self.holder(CUSTOMER);
        other = self.holder(OTHER);
        kit = unzip(admin.bytes("/api/v1/customers/" + path(CUSTOMER) + "/asp-kit"), work.resolve("etc-kagi"));
        // The customer's application behind the server: shows who the server says the client is.
        app = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        app.createContext("/", exchange -> {
            byte[] body = ("Hello " + exchange.getRequestHeaders().getFirst("X-Kagi-Client-CN") + ", serial "
                    + exchange.getRequestHeaders().getFirst("X-Kagi-Client-Serial") + "\n").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        app.start();
        PrivateWebServer.must(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                "-keyout", work.resolve("server.key").toString(), "-out", work.resolve("server.pem").toString()));
    }

    @AfterAll
    static void cleanUp() throws Exception {
        if (app != null) {
            app.stop(0);
        }
        if (work != null) {
            try (var files = Files.walk(work)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    @Test
    void theKitHoldsTheChainTheCrlAndTheUrlsOfThisServerAndIsScopedAndAudited() throws Exception {
        Api plain = Api.anonymous("en");
        String chain = Files.readString(kit.resolve("ca-chain.pem"));
        assertTrue(chain.contains(pem(plain.bytes("/crl/issuing-ca.cer"))) && chain.contains(pem(plain.bytes("/crl/root-ca.cer"))),
                "issuing CA and root, PEM");
        PrivateWebServer.must(List.of("openssl", "crl", "-inform", "DER", "-in", kit.resolve("issuing-ca.crl").toString(),
                "-CAfile", kit.resolve("ca-chain.pem").toString(), "-noout"));
        assertEquals(PrivateWebServer.must(List.of("openssl", "crl", "-inform", "DER", "-in",
                        kit.resolve("issuing-ca.crl").toString())),
                Files.readString(kit.resolve("issuing-ca.crl.pem")), "the PEM is the DER's");
        String http = "http://127.0.0.1:" + (8080 + Integer.getInteger("kagi.it.port.offset", 0));
        String urls = Files.readString(kit.resolve("urls.txt"));
        assertTrue(urls.contains("CRL (DER): " + http + "/crl/issuing-ca.crl") && urls.contains("OCSP: " + http + "/ocsp"),
                urls);
        assertTrue(Files.readString(kit.resolve("README.ja.md")).contains("顧客: " + CUSTOMER));

        String operator = "kit-op-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, api.post("/api/v1/admins", Json.createObjectBuilder().add("userId", operator)
                .add("password", "operator-password-1").add("role", "OPERATOR")
                .add("customers", Json.createArrayBuilder().add(OTHER)).build().toString()).status());
        Api op = Api.as(operator, "operator-password-1", "ja");
        Api.Response refused = op.get("/api/v1/customers/" + path(CUSTOMER) + "/asp-kit");
        assertEquals(404, refused.status(), "another customer's kit is unknown to an operator");
        assertEquals("error.customerUnknown", refused.code(), "the same answer as for no customer at all");
        assertEquals(404, op.get("/api/v1/customers/" + path("no such customer") + "/asp-kit").status());
        assertTrue(Files.exists(unzip(op.bytes("/api/v1/customers/" + path(OTHER) + "/asp-kit"),
                work.resolve("operator")).resolve("nginx/kagi-asp.conf")), "its own customer's kit");
        var audit = api.get("/api/v1/audit?action=customer.aspKit&objectId=" + URLEncoder.encode(CUSTOMER,
                StandardCharsets.UTF_8)).array();
        assertTrue(audit.size() >= 1 && audit.getJsonObject(0).getString("actor").equals("admin"), audit.toString());
    }

    @Test
    void theCustomerScreenOffersTheKitForDownload() throws Exception {
        PortalClient anonymous = new PortalClient("ja");
        PortalClient.Page refused = anonymous.get("/admin/asp-kit.zip?customer=" + path(CUSTOMER));
        assertTrue(!"application/zip".equals(refused.header("Content-Type")), "no kit without signing in");

        PortalClient backOffice = new PortalClient("ja");
        backOffice.submit(backOffice.get("/admin/login.xhtml"), "login",
                Map.of("userId", Api.ADMIN, "password", Api.ADMIN_PASSWORD), "loginButton");
        String html = backOffice.get("/admin/customers.xhtml").html();
        assertTrue(html.contains("ASPキット"), "the column, in Japanese");
        var links = Pattern.compile("href=\"([^\"]*/admin/asp-kit\\.zip\\?customer=([^\"]*))\"")
                .matcher(html).results()
                .filter(m -> URLDecoder.decode(m.group(2), StandardCharsets.UTF_8).equals(CUSTOMER)).toList();
        assertEquals(1, links.size(), "one download link for " + CUSTOMER);
        PortalClient.Page zip = backOffice.get(links.get(0).group(1).replace("&amp;", "&"));
        assertEquals(200, zip.status());
        assertEquals("application/zip", zip.header("Content-Type"));
        assertTrue(zip.header("Content-Disposition").contains("kagi-asp-kit.zip"), zip.header("Content-Disposition"));
        Path unpacked = unzip(zip.body(), work.resolve("back-office"));
        assertEquals(Files.readString(kit.resolve("apache/kagi-asp.conf")).replaceAll("Generated .*", ""),
                Files.readString(unpacked.resolve("apache/kagi-asp.conf")).replaceAll("Generated .*", ""),
                "the same kit as through the REST API");
    }

    @Test
    void nginxAdmitsThisCustomersCertificateAndRefusesOthersNoneAndRevokedThroughOcsp() throws Exception {
        Holder revoked = holder(CUSTOMER);
        int port = PrivateWebServer.freePort();
        Path dir = Files.createDirectories(work.resolve("nginx"));
        Path conf = Files.createDirectories(dir.resolve("conf.d")).resolve("kagi-asp.conf");
        Files.writeString(conf, fillIn(Files.readString(kit.resolve("nginx/kagi-asp.conf")), Map.of(
                "listen 443 ssl;", "listen 127.0.0.1:" + port + " ssl;")));
        try (PrivateWebServer nginx = PrivateWebServer.nginx(dir, conf)) {
            String url = "https://127.0.0.1:" + port + "/";
            Curl ok = Poll.until("nginx answers", Duration.ofSeconds(30), () -> curl(url, good), c -> c.status() != 0);
            assertEquals(200, ok.status(), ok + nginx.errorLog());
            assertTrue(ok.body().contains("Hello " + good.cn() + ", serial "), ok.body());
            assertEquals(200, curl(url, good, "--tls-max", "1.2").status(), "TLS 1.2");
            assertEquals(200, curl(url, good, "--tlsv1.3").status(), "TLS 1.3");
            assertEquals(403, curl(url, other).status(), "another customer's certificate");
            assertEquals(400, curl(url, null).status(), "no certificate: nginx answers 400 and never proxies");
            Curl impostor = curl(url, Impostor.of(good, work));
            assertEquals(400, impostor.status(), "same subject, same issuer name, another CA: " + impostor);
            Curl forged = curl(url, good, "-H", "X-Kagi-Client-CN: dsca99999");
            assertTrue(forged.body().contains("Hello " + good.cn() + ","), "the server sets the header: " + forged);

            assertEquals(200, curl(url, revoked).status(), "admitted before the revocation");
            revoke(revoked);
            Curl after = Poll.until("nginx refuses the revoked certificate", Duration.ofSeconds(30),
                    () -> curl(url, revoked), c -> c.status() != 200);
            assertEquals(400, after.status(), after.toString());
            assertTrue(nginx.errorLog().contains("certificate revoked"), nginx.errorLog());
            assertEquals(200, curl(url, good).status(), "the others still get in");
        }
    }

    @Test
    void apacheAdmitsThisCustomersCertificateAndRefusesRevokedAfterTheRefreshScriptRan() throws Exception {
        Holder revoked = holder(CUSTOMER);
        int port = PrivateWebServer.freePort();
        Path dir = Files.createDirectories(work.resolve("apache"));
        Path vhost = dir.resolve("kagi-asp.conf");
        Files.writeString(vhost, fillIn(Files.readString(kit.resolve("apache/kagi-asp.conf")), Map.of(
                "<VirtualHost *:443>", "<VirtualHost 127.0.0.1:" + port + ">")));
        Path reloads = dir.resolve("reloads.log");
        Map<String, String> env = Map.of("KAGI_RELOAD_COMMAND", "echo reload >>'" + reloads + "' && "
                + PrivateWebServer.apacheGracefulCommand(dir));
        try (PrivateWebServer apache = PrivateWebServer.apache(dir, vhost, port)) {
            String url = "https://127.0.0.1:" + port + "/";
            refreshCrl(env); // the guide: run it once after installing; the kit's CRL may be older than the server's
            Curl ok = Poll.until("Apache admits " + good.cn(), Duration.ofSeconds(30), () -> curl(url, good),
                    c -> c.status() == 200);
            assertTrue(ok.body().contains("Hello " + good.cn() + ", serial "), ok.body());
            assertEquals(403, curl(url, other).status(), "another customer's certificate");
            assertEquals(0, curl(url, null).status(), "no certificate: the handshake fails");
            assertEquals(0, curl(url, Impostor.of(good, work)).status(), "same subject, same issuer name, another CA");
            assertEquals(200, curl(url, revoked).status(), "admitted before the revocation");

            revoke(revoked);
            String serial = revoked.serial().toUpperCase(Locale.ROOT);
            Poll.until("a refreshed CRL lists " + serial, Duration.ofSeconds(60), () -> {
                refreshCrl(env);
                return crlText().contains(serial);
            });
            Curl after = Poll.until("Apache refuses the revoked certificate", Duration.ofSeconds(30),
                    () -> curl(url, revoked), c -> c.status() != 200);
            assertEquals(0, after.status(), "refused in the handshake: " + after);
            assertTrue(apache.errorLog().contains("certificate revoked"), apache.errorLog());
            assertEquals(200, curl(url, good).status(), "the others still get in");

            // Reloads only when the CRL changed: as many reloads as runs that said "updated".
            long updatedBefore = Files.readAllLines(reloads).size();
            String again = refreshCrl(env);
            long reloadsNow = Files.readAllLines(reloads).size();
            assertEquals(again.contains("updated") ? updatedBefore + 1 : updatedBefore, reloadsNow, again);
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    /** The guide's fill-in values: the kit's directory, the server's own certificate and key, the application. */
    private static String fillIn(String shipped, Map<String, String> more) {
        Map<String, String> values = new LinkedHashMap<>(more);
        values.put("/etc/kagi/asp-kit", kit.toString());
        values.put("/etc/ssl/certs/asp.example.jp.pem", work.resolve("server.pem").toString());
        values.put("/etc/ssl/private/asp.example.jp.key", work.resolve("server.key").toString());
        values.put("http://127.0.0.1:3000", "http://127.0.0.1:" + app.getAddress().getPort());
        String out = shipped;
        for (var e : values.entrySet()) {
            assertTrue(out.contains(e.getKey()), "the guide's fill-in value " + e.getKey() + " is in the file");
            out = out.replace(e.getKey(), e.getValue());
        }
        return out;
    }

    private static String refreshCrl(Map<String, String> env) {
        try {
            return PrivateWebServer.must(List.of("sh", kit.resolve("refresh-crl.sh").toString()), env);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String crlText() {
        try {
            return PrivateWebServer.must(List.of("openssl", "crl", "-in", kit.resolve("issuing-ca.crl.pem").toString(),
                    "-noout", "-text"));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    record Curl(int status, String body) {
    }

    /** curl as a user would run it; status 0 when no HTTP answer came (the TLS handshake was refused). */
    private static Curl curl(String url, Holder holder, String... more) {
        try {
            Path body = Files.createTempFile(work, "body", ".txt");
            List<String> command = new ArrayList<>(List.of("curl", "-s", "-k", "--max-time", "20", "-o",
                    body.toString(), "-w", "%{http_code}"));
            if (holder != null) {
                command.addAll(holder.curlArgs());
            }
            command.addAll(List.of(more));
            command.add(url);
            PrivateWebServer.Result r = PrivateWebServer.run(new ProcessBuilder(command), Duration.ofSeconds(30));
            String text = Files.readString(body);
            Files.delete(body);
            return new Curl(Integer.parseInt(r.output().strip().isEmpty() ? "0" : r.output().strip()), text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private void revoke(Holder holder) {
        Api.Response r = api.post("/api/v1/certificates/" + holder.serial() + "/revoke", "{\"reason\":\"keyCompromise\"}");
        assertEquals(200, r.status(), r.body());
    }

    /** A user of {@code customer} with a certificate retrieved through the portal as {@code <CN>.p12}. */
    private Holder holder(String customer) throws Exception {
        String email = "kit-" + UUID.randomUUID() + "@example.jp";
        Api.Response account = api.post("/api/v1/accounts", Json.createObjectBuilder().add("customer", customer)
                .add("email", email).add("displayName", "利用者").add("language", "ja").build().toString());
        assertEquals(201, account.status(), account.body());
        String userId = account.json().getString("userId");
        var cert = api.post("/api/v1/certificates", "{\"userId\":\"" + userId + "\"}").json();
        Mailbox.Credentials mailed = new Mailbox(smtp).credentials(email, 2);
        PortalClient portal = new PortalClient("ja");
        portal.login(userId, mailed.password());
        PortalClient.Page file = portal.download(portal.retrieve(mailed.requestId(), mailed.password(),
                mailed.password()));
        String cn = cert.getString("cn");
        assertTrue(file.header("Content-Disposition").contains(cn + ".p12"), file.header("Content-Disposition"));
        Path p12 = work.resolve(cn + ".p12");
        Files.write(p12, file.body());
        Path pem = work.resolve(cn + ".pem");
        Path key = work.resolve(cn + ".key");
        String pass = "pass:" + mailed.password();
        PrivateWebServer.must(List.of("openssl", "pkcs12", "-in", p12.toString(), "-passin", pass, "-clcerts",
                "-nokeys", "-out", pem.toString()));
        PrivateWebServer.must(List.of("openssl", "pkcs12", "-in", p12.toString(), "-passin", pass, "-nocerts",
                "-nodes", "-out", key.toString()));
        return new Holder(cn, cert.getString("serial"), pem, key);
    }

    private static Path unzip(byte[] zip, Path into) throws Exception {
        Path root = null;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                Path target = into.resolve(e.getName()).normalize();
                assertTrue(target.startsWith(into) && e.getName().startsWith("kagi-asp-kit/"), e.getName());
                Files.createDirectories(target.getParent());
                Files.write(target, in.readAllBytes());
                root = into.resolve("kagi-asp-kit");
            }
        }
        return root;
    }

    private static String path(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String pem(byte[] der) {
        return Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    }
}
