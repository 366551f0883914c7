package jp.kagi.it;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives the portal's JSF forms over HTTPS the way a browser posts them (cookies, ViewState, button name), for tests
 * that need the raw HTTP view: headers, cookies, forged or replayed requests.
 */
final class PortalClient {

    static final String BASE = "https://localhost:" + (8443 + Integer.getInteger("kagi.it.port.offset", 0));
    private static final Pattern VIEW_STATE = Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]*)\"");
    private static final Pattern ERRORS = Pattern.compile("ui-messages-error-summary\">([^<]*)<");

    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http;
    private final String language;

    PortalClient(String language) {
        this.language = language;
        this.http = HttpClient.newBuilder().sslContext(Api.trustingTls()).cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(10)).build();
    }

    Page get(String path) {
        return send(HttpRequest.newBuilder(URI.create(BASE + path)).GET());
    }

    /** Posts {@code formId} of {@code page} with the given fields and button, as a browser would. */
    Page submit(Page page, String formId, Map<String, String> fields, String button) {
        return post(page.uri(), formId, fields, button, page.viewState());
    }

    Page post(String uri, String formId, Map<String, String> fields, String button, String viewState) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put(formId, formId);
        fields.forEach((k, v) -> form.put(formId + ":" + k, v));
        form.put(formId + ":" + button, "");
        form.put("jakarta.faces.ViewState", viewState);
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(enc(k)).append('=').append(enc(v)));
        return send(HttpRequest.newBuilder(URI.create(uri)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    /** Logs in and lands on the menu. */
    Page login(String userId, String password) {
        Page login = get("/portal/login.xhtml");
        return submit(login, "login", Map.of("userId", userId, "password", password), "loginButton");
    }

    Page retrieve(String requestId, String password, String confirmation) {
        Page form = get("/portal/retrieve.xhtml");
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("requestId", requestId);
        fields.put("password", password);
        fields.put("confirmation", confirmation);
        return submit(form, "retrieve", fields, "submit");
    }

    Page download(Page downloadStep) {
        return submit(downloadStep, "download", Map.of(), "downloadButton");
    }

    String sessionId() {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("JSESSIONID"))
                .map(HttpCookie::getValue).findFirst().orElse(null);
    }

    /** The value of a cookie this client holds (e.g. a balancer's sticky cookie), or null. */
    String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue).findFirst().orElse(null);
    }

    void forgetCookies() {
        cookies.getCookieStore().removeAll();
    }

    private Page send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> r = http.send(request.header("Accept-Language", language)
                    .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Page(r.statusCode(), r.uri().toString(), r.body(), r.headers().map());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    record Page(int status, String uri, byte[] body, Map<String, List<String>> headers) {

        String html() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String viewState() {
            Matcher m = VIEW_STATE.matcher(html());
            if (!m.find()) {
                throw new AssertionError("No ViewState on " + uri + ":\n" + html());
            }
            return m.group(1);
        }

        List<String> errors() {
            List<String> found = new ArrayList<>();
            Matcher m = ERRORS.matcher(html());
            while (m.find()) {
                found.add(m.group(1));
            }
            return found;
        }

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst().orElse("");
        }
    }
}
