package jp.kagi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.json.Json;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.net.ssl.SSLSocket;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 11, "Speed": new mutual-TLS handshakes per second, and requests per second on kept-alive connections, on
 * Kagi's 8444 listener ({@code /asp/}, OCSP revocation checking on, as shipped) against Debian's nginx configured
 * from the customer's ASP kit exactly as docs/asp-guide.md says (its OCSP check included), serving a static 200.
 * Both see the same Kagi-issued {@code <CN>.p12} from the portal and the same Java client; nginx gets a server key of
 * the same type and size as the one 8444 presents. Optionally {@code openssl s_time -new} against both.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HandshakeBenchmarkIT {

    private static final int THREADS = 8;
    private static final Duration WARM_UP = Duration.ofSeconds(5);
    private static final Duration MEASURE = Duration.ofSeconds(20);
    private static final int S_TIME_SECONDS = 10;
    private static final int KAGI_PORT = 8444 + TlsClient.OFFSET;

    @RegisterExtension
    static GreenMailExtension smtp = Mailbox.smtpServer();

    private final Api api = Api.admin();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return KagiDeployment.shipped();
    }

    /** One holder's certificate, as the Java client uses it and as PEM files for openssl. */
    record Holder(TlsClient.Keys keys, String cn, Path cert, Path key) {
    }

    @Test
    void handshakesAndKeptAliveRequestsOn8444AgainstNginxFromTheKit() throws Exception {
        PrivateWebServer.ensureInstalled("nginx", "nginx");
        Path work = Files.createTempDirectory("kagi-handshake-bench");
        try {
            measure(work);
        } finally {
            try (var files = Files.walk(work)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private void measure(Path work) throws Exception {
        String customer = "Handshake bench " + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, api.post("/api/v1/customers", Json.createObjectBuilder().add("name", customer)
                .add("contactEmail", "ca@example.jp").build().toString()).status());
        Holder holder = holder(customer, work);
        Path kit = unzip(api.bytes("/api/v1/customers/" + URLEncoder.encode(customer, StandardCharsets.UTF_8)
                .replace("+", "%20") + "/asp-kit"), work.resolve("etc-kagi"));

        X509Certificate kagiCert = serverCertificate(holder.keys());
        String kagiKey = describe(kagiCert);
        String keyOption = opensslKeyOption(kagiCert);
        PrivateWebServer.must(List.of("openssl", "req", "-x509", "-newkey", keyOption.split(" ")[0], "-pkeyopt",
                keyOption.split(" ")[1], "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1", "-addext",
                "subjectAltName=IP:127.0.0.1", "-keyout", work.resolve("server.key").toString(),
                "-out", work.resolve("server.pem").toString()));
        int port = PrivateWebServer.freePort();
        Path dir = Files.createDirectories(work.resolve("nginx"));
        Path conf = Files.createDirectories(dir.resolve("conf.d")).resolve("kagi-asp.conf");
        Files.writeString(conf, fillIn(Files.readString(kit.resolve("nginx/kagi-asp.conf")), kit, work, port));

        String loadBefore = uptime();
        HandshakeLoad load = new HandshakeLoad(THREADS, WARM_UP, MEASURE);
        // Debian's nginx.conf says "worker_processes auto;": one worker per core, as a customer would run it.
        try (PrivateWebServer nginx = PrivateWebServer.nginx(dir, conf, "worker_processes auto;")) {
            String nginxUrl = "https://127.0.0.1:" + port + "/";
            Poll.until("nginx admits " + holder.cn(), Duration.ofSeconds(30),
                    () -> TlsClient.get(holder.keys(), nginxUrl, "en"), o -> o.status() == 200);
            assertEquals(200, TlsClient.get(holder.keys(), TlsClient.ASP + "/asp/", "en").status(), "8444 admits");

            HandshakeLoad.Result kagiNew = load.handshakes(holder.keys(), KAGI_PORT, "/asp/");
            HandshakeLoad.Result nginxNew = load.handshakes(holder.keys(), port, "/");
            HandshakeLoad.Result kagiKept = load.keptAlive(holder.keys(), TlsClient.ASP + "/asp/");
            HandshakeLoad.Result nginxKept = load.keptAlive(holder.keys(), nginxUrl);
            double kagiSTime = sTime(holder, KAGI_PORT, "/asp/");
            double nginxSTime = sTime(holder, port, "/");
            String loadAfter = uptime();
            assertTrue(kagiNew.operations() > 0 && nginxNew.operations() > 0,
                    "both admitted the certificate under load: " + kagiNew + " " + nginxNew + nginx.errorLog());
            BenchReport.write("handshake", report(new Figures(kagiNew, nginxNew, kagiKept, nginxKept, kagiSTime,
                    nginxSTime), kagiKey, describe(nginxKey(work)), loadBefore, loadAfter));
        }
    }

    record Figures(HandshakeLoad.Result kagiNew, HandshakeLoad.Result nginxNew, HandshakeLoad.Result kagiKept,
            HandshakeLoad.Result nginxKept, double kagiSTime, double nginxSTime) {
    }

    private static String report(Figures f, String kagiKey, String nginxKey, String before, String after) {
        String nginxVersion = version();
        return String.join("\n",
                "## Mutual-TLS handshakes: 8444 vs nginx (issue 11)",
                "",
                "Measured " + LocalDate.now(ZoneOffset.UTC) + " by `HandshakeBenchmarkIT` on " + BenchReport.machine()
                        + "; " + nginxVersion + ".",
                "The same Kagi-issued `<CN>.p12` (downloaded through the portal) and the same Java client for both: "
                        + THREADS + " threads, " + WARM_UP.toSeconds() + " s warm-up, " + MEASURE.toSeconds()
                        + " s measured. New handshakes: a new `SSLContext` per connection (nothing to resume), full "
                        + "handshake with the client certificate, one GET with `Connection: close`. Kept-alive: one "
                        + "HTTP/1.1 connection per thread (`HttpClient`).",
                "Kagi: `/asp/` on 8444 as shipped (OCSP at Kagi's responder for every handshake, CRL fallback), server key "
                        + kagiKey + ". nginx: the kit's `nginx/kagi-asp.conf` as the guide says (`ssl_verify_client on`, "
                        + "`ssl_ocsp leaf` at the same responder, no OCSP cache, the kit's CA chain), "
                        + "`worker_processes auto`, server key " + nginxKey + ", `return 200` in place of the application.",
                "",
                "| metric | Kagi 8444 | nginx | Kagi ÷ nginx | goal |",
                "| --- | ---: | ---: | ---: | --- |",
                row("new mutual-TLS handshakes/s (" + THREADS + " threads)", f.kagiNew().perSecond(),
                        f.nginxNew().perSecond(), "≥ 0.8×"),
                row("requests/s on kept-alive connections (" + THREADS + " threads)", f.kagiKept().perSecond(),
                        f.nginxKept().perSecond(), "reported"),
                row("`openssl s_time -new`, 1 process, " + S_TIME_SECONDS + " s (connections/s)", f.kagiSTime(),
                        f.nginxSTime(), "reported"),
                "",
                "- negotiated (new handshakes): Kagi " + f.kagiNew().negotiated() + "; nginx " + f.nginxNew().negotiated(),
                "- negotiated (kept-alive): Kagi " + f.kagiKept().negotiated() + "; nginx " + f.nginxKept().negotiated(),
                "- operations counted / failures (whole run, warm-up included): handshakes Kagi "
                        + f.kagiNew().operations() + " / " + f.kagiNew().failures() + ", nginx "
                        + f.nginxNew().operations() + " / " + f.nginxNew().failures() + "; kept-alive Kagi "
                        + f.kagiKept().operations() + " / " + f.kagiKept().failures() + ", nginx "
                        + f.nginxKept().operations() + " / " + f.nginxKept().failures()
                        + failure(f),
                "- load average before: `" + before + "`",
                "- load average after: `" + after + "`",
                "");
    }

    private static String failure(Figures f) {
        for (HandshakeLoad.Result r : List.of(f.kagiNew(), f.nginxNew(), f.kagiKept(), f.nginxKept())) {
            if (r.firstFailure() != null) {
                return " (first failure: `" + r.firstFailure().replace('`', '\'') + "`)";
            }
        }
        return "";
    }

    private static String row(String metric, double kagi, double nginx, String goal) {
        return String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.2f× | %s |", metric, kagi, nginx,
                nginx > 0 ? kagi / nginx : 0, goal);
    }

    /** The certificate 8444 presents (applicationKM, shared with 8443). */
    private static X509Certificate serverCertificate(TlsClient.Keys keys) throws Exception {
        try (SSLSocket socket = (SSLSocket) TlsClient.context(keys).getSocketFactory().createSocket("127.0.0.1",
                KAGI_PORT)) {
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }

    private static X509Certificate nginxKey(Path work) throws Exception {
        try (var in = Files.newInputStream(work.resolve("server.pem"))) {
            return (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static String describe(X509Certificate cert) {
        String signature = " (" + cert.getSigAlgName() + ")";
        if (cert.getPublicKey() instanceof RSAPublicKey rsa) {
            return "RSA-" + rsa.getModulus().bitLength() + signature;
        }
        if (cert.getPublicKey() instanceof ECPublicKey ec) {
            return "EC P-" + ec.getParams().getCurve().getField().getFieldSize() + signature;
        }
        return cert.getPublicKey().getAlgorithm() + signature;
    }

    /** openssl's -newkey and -pkeyopt for a key like 8444's. */
    private static String opensslKeyOption(X509Certificate cert) {
        if (cert.getPublicKey() instanceof RSAPublicKey rsa) {
            return "rsa rsa_keygen_bits:" + rsa.getModulus().bitLength();
        }
        if (cert.getPublicKey() instanceof ECPublicKey ec) {
            return "ec ec_paramgen_curve:P-" + ec.getParams().getCurve().getField().getFieldSize();
        }
        throw new AssertionError("unexpected server key " + cert.getPublicKey().getAlgorithm());
    }

    /** The guide's fill-in values, plus a static 200 in place of the customer's application. */
    private static String fillIn(String shipped, Path kit, Path work, int port) {
        List<String[]> values = List.of(
                new String[] {"listen 443 ssl;", "listen 127.0.0.1:" + port + " ssl;"},
                new String[] {"/etc/kagi/asp-kit", kit.toString()},
                new String[] {"/etc/ssl/certs/asp.example.jp.pem", work.resolve("server.pem").toString()},
                new String[] {"/etc/ssl/private/asp.example.jp.key", work.resolve("server.key").toString()},
                new String[] {"proxy_pass http://127.0.0.1:3000;", "default_type text/plain; return 200 \"ok\\n\";"});
        String out = shipped;
        for (String[] v : values) {
            assertTrue(out.contains(v[0]), "the guide's fill-in value " + v[0] + " is in the file");
            out = out.replace(v[0], v[1]);
        }
        return out;
    }

    /**
     * {@code openssl s_time -new}: one process, full handshakes back to back; connections per real second, or NaN
     * when it printed no count (it is the optional cross-check, not the measurement).
     */
    private static double sTime(Holder h, int port, String path) throws Exception {
        PrivateWebServer.Result r = PrivateWebServer.run(new ProcessBuilder("openssl", "s_time", "-connect",
                "127.0.0.1:" + port, "-new", "-time", Integer.toString(S_TIME_SECONDS), "-cert", h.cert().toString(),
                "-key", h.key().toString(), "-www", path), Duration.ofSeconds(S_TIME_SECONDS + 60L));
        Matcher m = Pattern.compile("(\\d+) connections in (\\d+) real seconds").matcher(r.output());
        if (!m.find()) {
            System.out.println("HandshakeBenchmarkIT: openssl s_time printed no count:\n" + r.output());
            return Double.NaN;
        }
        return Double.parseDouble(m.group(1)) / Math.max(1, Double.parseDouble(m.group(2)));
    }

    private static String uptime() throws Exception {
        return PrivateWebServer.must(List.of("uptime")).strip();
    }

    private static String version() {
        try {
            return PrivateWebServer.must(List.of("nginx", "-v")).strip().replace("nginx version: ", "");
        } catch (Exception e) {
            return "nginx (version unknown)";
        }
    }

    /** A user of {@code customer} with a certificate retrieved through the portal as {@code <CN>.p12}. */
    private Holder holder(String customer, Path work) throws Exception {
        String email = "handshake-" + UUID.randomUUID() + "@example.jp";
        Api.Response account = api.post("/api/v1/accounts", Json.createObjectBuilder().add("customer", customer)
                .add("email", email).add("displayName", "Bench").add("language", "en").build().toString());
        assertEquals(201, account.status(), account.body());
        String userId = account.json().getString("userId");
        String cn = api.post("/api/v1/certificates", "{\"userId\":\"" + userId + "\"}").json().getString("cn");
        Mailbox.Credentials mailed = new Mailbox(smtp).credentials(email, 2);
        PortalClient portal = new PortalClient("en");
        portal.login(userId, mailed.password());
        PortalClient.Page file = portal.download(portal.retrieve(mailed.requestId(), mailed.password(),
                mailed.password()));
        assertTrue(file.header("Content-Disposition").contains(cn + ".p12"), file.header("Content-Disposition"));
        KeyStore p12 = KeyStore.getInstance("PKCS12");
        p12.load(new ByteArrayInputStream(file.body()), mailed.password().toCharArray());
        Path cert = work.resolve(cn + ".pem");
        Path key = work.resolve(cn + ".key");
        Files.writeString(cert, TlsClient.pem("CERTIFICATE", p12.getCertificate(cn).getEncoded()));
        Files.writeString(key, TlsClient.pem("PRIVATE KEY",
                ((PrivateKey) p12.getKey(cn, mailed.password().toCharArray())).getEncoded()));
        return new Holder(new TlsClient.Keys(p12, cn, mailed.password()), cn, cert, key);
    }

    private static Path unzip(byte[] zip, Path into) throws Exception {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                Path target = into.resolve(e.getName()).normalize();
                assertTrue(target.startsWith(into), e.getName());
                Files.createDirectories(target.getParent());
                Files.write(target, in.readAllBytes());
            }
        }
        return into.resolve("kagi-asp-kit");
    }
}
