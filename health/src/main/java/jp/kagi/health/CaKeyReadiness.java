package jp.kagi.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The CA is loaded and its issuing key (keystore file or PKCS#11 token) signs; checked at most every ten seconds.
 */
@Readiness
@ApplicationScoped
public class CaKeyReadiness implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        return Facts.check("kagi-ca", HealthFacts::caKey);
    }
}
