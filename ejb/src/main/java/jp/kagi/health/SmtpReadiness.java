package jp.kagi.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import jp.kagi.platform.Settings;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Whether the SMTP server (KAGI_SMTP_HOST:KAGI_SMTP_PORT) accepts a TCP connection. Always UP: mail leaves through
 * the outbox, so issuance goes on while SMTP is down and the mails wait (SPEC.md). The data says
 * {@code smtp: DOWN, state: degraded} for the operator's alert. Probed at most every {@link #EVERY}.
 */
@Readiness
@ApplicationScoped
public class SmtpReadiness implements HealthCheck {

    static final Duration EVERY = Duration.ofSeconds(5);
    static final int CONNECT_TIMEOUT_MILLIS = 1000;

    @Inject
    private Settings settings;

    @Inject
    private Clock clock;

    private volatile Instant checkedAt = Instant.MIN;
    private volatile boolean reachable;

    @Override
    public HealthCheckResponse call() {
        String host = settings.get("kagi.smtp.host", "localhost");
        int port = settings.integer("kagi.smtp.port", 25);
        Instant now = clock.instant();
        if (Duration.between(checkedAt, now).compareTo(EVERY) >= 0) {
            reachable = connects(host, port);
            checkedAt = clock.instant();
        }
        return HealthCheckResponse.named("kagi-smtp").up()
                .withData("smtp", reachable ? "UP" : "DOWN")
                .withData("state", reachable ? "ok" : "degraded")
                .withData("server", host + ":" + port).build();
    }

    static boolean connects(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
            return true;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }
}
