package jp.kagi.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Kagi's EJB module answers; a JVM that hangs answers nothing, which the prober reads as DOWN. */
@Liveness
@ApplicationScoped
public class KagiLiveness implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        return Facts.check("kagi", HealthFacts::application);
    }
}
