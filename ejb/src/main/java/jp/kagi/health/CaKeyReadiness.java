package jp.kagi.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import jp.kagi.ca.CertificateAuthority;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * The CA is loaded and its issuing key (keystore file or PKCS#11 token) signs: a test signature at most every
 * {@link #EVERY}, so that a prober polling every second does not keep a token busy.
 */
@Readiness
@ApplicationScoped
public class CaKeyReadiness implements HealthCheck {

    static final Duration EVERY = Duration.ofSeconds(10);

    @Inject
    private CertificateAuthority ca;

    @Inject
    private Clock clock;

    private volatile Instant checkedAt = Instant.MIN;
    private volatile boolean usable;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder answer = HealthCheckResponse.named("kagi-ca");
        if (!ca.isReady()) {
            return answer.down().withData("reason", String.valueOf(ca.unavailableReason())).build();
        }
        Instant now = clock.instant();
        if (!usable || Duration.between(checkedAt, now).compareTo(EVERY) >= 0) {
            usable = ca.issuingKeyUsable();
            checkedAt = now;
        }
        return usable ? answer.up().build() : answer.down().withData("reason", "the issuing key cannot sign").build();
    }
}
