package jp.kagi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509TrustManager;

/** Client side of the 8444 tests: Java's HttpClient presenting one certificate, and openssl s_client. */
final class TlsClient {

    static final int OFFSET = Integer.getInteger("kagi.it.port.offset", 0);
    static final String ASP = "https://localhost:" + (8444 + OFFSET);

    private TlsClient() {
    }

    record Keys(KeyStore store, String alias, String password) {
    }


    record Outcome(int status, String body, String error) {
        boolean refusedByTls() {
            return error != null;
        }
    }


    /** A new context (so an empty session cache) presenting {@code keys} (or nothing), trusting any server. */
    static SSLContext context(Keys keys) throws java.security.GeneralSecurityException {
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys == null ? null : new javax.net.ssl.KeyManager[] {new FixedKeyManager(keys)},
                new TrustManager[] {new AnyServer()}, null);
        return tls;
    }

    /** One GET on a fresh connection, presenting {@code keys} (or nothing); a failed handshake is an error. */
    static Outcome get(Keys keys, String url, String language) {
        try {
            SSLContext tls = context(keys);
            HttpClient client = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(10))
                    .version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Accept-Language", language).timeout(Duration.ofSeconds(20)).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Outcome(r.statusCode(), r.body(), null);
        } catch (IOException e) {
            return new Outcome(0, "", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** openssl s_client sending one GET, with the holder's key and certificate as PEM files (or none). */
    static String openssl(Keys h, String... args)
            throws java.io.IOException, InterruptedException, java.security.GeneralSecurityException {
        Path dir = Files.createTempDirectory("kagi-asp-it");
        try {
            List<String> command = new java.util.ArrayList<>(List.of("openssl", "s_client"));
            command.addAll(List.of(args));
            command.add("-ign_eof");
            if (h != null) {
                Path cert = dir.resolve("cert.pem");
                Path key = dir.resolve("key.pem");
                X509Certificate c = (X509Certificate) h.store().getCertificate(h.alias());
                PrivateKey k = (PrivateKey) h.store().getKey(h.alias(), h.password().toCharArray());
                Files.writeString(cert, pem("CERTIFICATE", c.getEncoded()));
                Files.writeString(key, pem("PRIVATE KEY", k.getEncoded()));
                command.addAll(List.of("-cert", cert.toString(), "-key", key.toString()));
            }
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().write("GET /asp/ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            return out;
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        }
    }

    static String run(boolean mayFail, String... command) throws java.io.IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(
                new java.io.File("/dev/null"))).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        if (!mayFail) {
            assertEquals(0, p.exitValue(), out);
        }
        return out;
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + java.util.Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }




    /** Presents one certificate whatever the server asks for, as a user who picked it in the browser's dialog. */
    private static final class FixedKeyManager extends X509ExtendedKeyManager {
        private final Keys keys;

        FixedKeyManager(Keys keys) {
            this.keys = keys;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return keys.alias();
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return keys.alias();
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            try {
                return java.util.Arrays.stream(keys.store().getCertificateChain(keys.alias()))
                        .map(X509Certificate.class::cast).toArray(X509Certificate[]::new);
            } catch (java.security.KeyStoreException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            try {
                return (PrivateKey) keys.store().getKey(keys.alias(), keys.password().toCharArray());
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[] {keys.alias()};
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return new String[0];
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }
    }

    /** The test server's certificate is self-signed (applicationKM); the client side is what is under test here. */
    private static final class AnyServer implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
