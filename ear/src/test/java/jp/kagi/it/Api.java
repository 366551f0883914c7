package jp.kagi.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** A test client for Kagi's REST API over HTTPS (the test server's certificate is self-signed, so trust all). */
final class Api {

    static final String BASE = "https://localhost:" + (8443 + Integer.getInteger("kagi.it.port.offset", 0));
    static final String ADMIN = "admin";
    static final String ADMIN_PASSWORD = "it-admin-password";

    private static final HttpClient HTTP = client();

    private final String authorization;
    private final String language;

    private Api(String authorization, String language) {
        this.authorization = authorization;
        this.language = language;
    }

    static Api admin() {
        return as(ADMIN, ADMIN_PASSWORD, "en");
    }

    static Api as(String user, String password, String language) {
        return new Api("Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8)), language);
    }

    /** A client sending this Authorization header as given (e.g. "Bearer kagi_..."). */
    static Api withAuthorization(String authorization, String language) {
        return new Api(authorization, language);
    }

    static Api anonymous(String language) {
        return new Api(null, language);
    }

    Api inLanguage(String lang) {
        return new Api(authorization, lang);
    }

    Response get(String path) {
        return send(request(path).GET().build());
    }

    Response post(String path, String json) {
        return postBytes(path, json.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    Response postBytes(String path, byte[] body, String contentType) {
        return send(request(path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    Response put(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build());
    }

    Response delete(String path) {
        return send(request(path).DELETE().build());
    }

    byte[] bytes(String path) {
        try {
            HttpResponse<byte[]> r = HTTP.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new AssertionError("GET " + path + " answered " + r.statusCode());
            }
            return r.body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> raw(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : BASE + path))
                .timeout(Duration.ofSeconds(120)).header("Accept-Language", language);
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b;
    }

    /**
     * Sends and, for every 201 or 202 answer, follows its Location at once ({@link #followLocation}): SPEC.md wants
     * each one to be an absolute URL a client can follow as given, so no test can forget to check it.
     */
    private Response send(HttpRequest request) {
        HttpResponse<String> r = raw(request);
        Response response = new Response(r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(""),
                r.headers().firstValue("Location").orElse(null));
        if (response.status() == 201 || response.status() == 202) {
            followLocation(response, request.uri().getScheme() + "://" + request.uri().getRawAuthority());
        }
        return response;
    }

    JsonObject followLocation(Response created) {
        return followLocation(created, BASE);
    }

    /**
     * Follows the Location of a 201/202 answer exactly as given, with this client's credentials, and checks that it
     * is an absolute https URL of this server under /api/v1/ (once), that it answers 200, and that what it shows is
     * the object just created or accepted: the same identifying fields (userId, name, serial, cn, requestId, id;
     * an import report's jobId is the job's id). Returns what the Location shows. {@code base}: the server the
     * request went to (a cluster test also talks to each node directly).
     */
    JsonObject followLocation(Response created, String base) {
        String what = created.status() + " " + created.body();
        String location = created.location();
        if (location == null || location.isBlank()) {
            throw new AssertionError("No Location header on " + what);
        }
        URI uri = URI.create(location);
        if (!uri.isAbsolute() || !location.startsWith(base + "/api/v1/") || location.contains("/api/v1/api/v1")) {
            throw new AssertionError("Location is not an absolute URL under " + base + "/api/v1/: " + location);
        }
        HttpResponse<String> followed = raw(request(location).GET().build());
        if (followed.statusCode() != 200) {
            throw new AssertionError("GET " + location + " answered " + followed.statusCode() + ": " + followed.body());
        }
        JsonObject shown = (JsonObject) new Response(200, followed.body(), "", null).parse();
        JsonObject sent = created.json();
        int compared = 0;
        for (String key : IDENTITY) {
            if (sent.containsKey(key) && shown.containsKey(key)) {
                if (!sent.get(key).equals(shown.get(key))) {
                    throw new AssertionError(location + " shows " + key + " " + shown.get(key) + ", not " + sent.get(key));
                }
                compared++;
            }
        }
        if (sent.containsKey("jobId") && shown.containsKey("id")) {
            if (!sent.get("jobId").equals(shown.get("id"))) {
                throw new AssertionError(location + " shows job " + shown.get("id") + ", not " + sent.get("jobId"));
            }
            compared++;
        }
        if (compared == 0) {
            throw new AssertionError("Nothing identifies " + what + " in what " + location + " shows: " + shown);
        }
        return shown;
    }

    private static final java.util.List<String> IDENTITY = java.util.List.of("userId", "name", "serial", "cn",
            "requestId", "id");

    static HttpClient client() {
        return HttpClient.newBuilder().sslContext(trustingTls()).connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** TLS that trusts any server: the test server's certificate is WildFly's self-signed one. */
    static SSLContext trustingTls() {
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] {new X509TrustManager() {
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
            }}, new SecureRandom());
            return tls;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An answer; {@code location} is the Location header as sent, or null. */
    record Response(int status, String body, String contentType, String location) {

        JsonObject json() {
            return (JsonObject) parse();
        }

        JsonArray array() {
            return (JsonArray) parse();
        }

        private JsonStructure parse() {
            try (var reader = Json.createReader(new StringReader(body))) {
                return reader.read();
            }
        }

        String code() {
            return json().getString("code");
        }
    }
}
