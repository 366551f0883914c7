package jp.kagi.platform;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * Kagi's configuration (SPEC.md "Runtime contract"): a system property such as {@code kagi.smtp.host} wins over the
 * environment variable {@code KAGI_SMTP_HOST}, which wins over the built-in default.
 */
@ApplicationScoped
public class Settings {

    public Optional<String> find(String key) {
        String value = System.getProperty(key);
        if (value == null || value.isBlank()) {
            value = System.getenv(envName(key));
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /** The CA team's time zone: dates in mails, and the days of the audit log's date filter. */
    public ZoneId zone() {
        return ZoneId.of(get("kagi.mail.timezone", "Asia/Tokyo"));
    }

    public String get(String key, String defaultValue) {
        return find(key).orElse(defaultValue);
    }

    public int integer(String key, int defaultValue) {
        return find(key).map(v -> {
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new IllegalStateException("Setting " + key + " must be an integer, not '" + v + "'", e);
            }
        }).orElse(defaultValue);
    }

    public Duration duration(String key, Duration defaultValue) {
        return find(key).map(v -> {
            try {
                return Duration.parse(v);
            } catch (DateTimeParseException e) {
                throw new IllegalStateException("Setting " + key + " must be an ISO-8601 duration, not '" + v + "'", e);
            }
        }).orElse(defaultValue);
    }

    /** Where the embedded database and the CA keystore live. */
    public Path dataDir() {
        return find("kagi.data.dir")
                .map(Path::of)
                .orElseGet(() -> Path.of(System.getProperty("jboss.server.data.dir", "."), "kagi"));
    }

    public String baseUrl() {
        String url = get("kagi.base.url", "https://localhost:8443");
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /**
     * Where relying parties fetch revocation data and the CA certificates over plain HTTP (KAGI_PUBLIC_HTTP_URL,
     * default {@code http://localhost:8080}): the CRL DP, OCSP and caIssuers URLs of new certificates.
     */
    public String publicHttpUrl() {
        String url = get("kagi.public.http.url", "http://localhost:8080");
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /**
     * Where users reach port 8444, the listener that requires a Kagi client certificate (KAGI_ASP_URL, default
     * {@code https://localhost:8444}): the portal links to its self-test at {@code <this>/selftest}.
     */
    public String aspUrl() {
        String url = get("kagi.asp.url", "https://localhost:8444");
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
