package jp.kagi.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The SMTP server accepts a connection. Always UP: mails wait in the outbox while SMTP is down (SPEC.md), so the
 * data says smtp=unreachable, state=degraded for the operator's alert instead.
 */
@Readiness
@ApplicationScoped
public class SmtpReadiness implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        return Facts.check("kagi-smtp", HealthFacts::smtp);
    }
}
