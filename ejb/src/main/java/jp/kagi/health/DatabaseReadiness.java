package jp.kagi.health;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** The database answers a one-row query on Kagi's own schema within two seconds. */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    static final int TIMEOUT_SECONDS = 2;

    @Resource(lookup = "java:jboss/datasources/KagiDS")
    private DataSource db;

    @Override
    public HealthCheckResponse call() {
        long started = System.nanoTime();
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("select count(*) from issuer")) {
            s.setQueryTimeout(TIMEOUT_SECONDS);
            try (ResultSet r = s.executeQuery()) {
                r.next();
            }
            return HealthCheckResponse.named("kagi-database").up()
                    .withData("millis", (System.nanoTime() - started) / 1_000_000).build();
        } catch (SQLException | RuntimeException e) {
            return HealthCheckResponse.named("kagi-database").down()
                    .withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
