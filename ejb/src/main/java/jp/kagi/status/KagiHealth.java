package jp.kagi.status;

import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Local;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import jp.kagi.ca.CertificateAuthority;
import jp.kagi.health.HealthFact;
import jp.kagi.health.HealthFacts;
import jp.kagi.platform.Settings;

/**
 * The facts behind /health/ready and /health/live (the checks of module health look this bean up by
 * {@link HealthFacts#JNDI}). Each fact is cached a few seconds, so that probers polling every second cost one query,
 * one test signature and one TCP connect per interval. Outside transactions: a check must not wait for one.
 */
@Singleton
@Local(HealthFacts.class)
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class KagiHealth implements HealthFacts {

    static final Duration DATABASE_MAX_AGE = Duration.ofSeconds(5);
    static final Duration CA_KEY_MAX_AGE = Duration.ofSeconds(10);
    static final Duration SMTP_MAX_AGE = Duration.ofSeconds(5);
    static final int QUERY_TIMEOUT_SECONDS = 2;
    static final int CONNECT_TIMEOUT_MILLIS = 1000;

    @Resource(lookup = "java:jboss/datasources/KagiDS")
    private DataSource db;

    @Inject
    private CertificateAuthority ca;

    @Inject
    private Settings settings;

    @Inject
    private Clock clock;

    private final Cached database = new Cached(DATABASE_MAX_AGE, this::askDatabase);
    private final Cached caKey = new Cached(CA_KEY_MAX_AGE, this::askCaKey);
    private final Cached smtp = new Cached(SMTP_MAX_AGE, this::askSmtp);

    @Override
    public HealthFact application() {
        return new HealthFact(true, Map.of());
    }

    @Override
    public HealthFact database() {
        return database.get(clock);
    }

    @Override
    public HealthFact caKey() {
        return caKey.get(clock);
    }

    @Override
    public HealthFact smtp() {
        return smtp.get(clock);
    }

    private HealthFact askDatabase() {
        long started = System.nanoTime();
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("select count(*) from issuer")) {
            s.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            try (ResultSet r = s.executeQuery()) {
                r.next();
            }
            return new HealthFact(true, Map.of("millis", String.valueOf((System.nanoTime() - started) / 1_000_000)));
        } catch (SQLException | RuntimeException e) {
            // the class only: a driver's message may name the JDBC URL and its user
            return new HealthFact(false, Map.of("error", e.getClass().getSimpleName()));
        }
    }

    private HealthFact askCaKey() {
        if (!ca.isReady()) {
            return new HealthFact(false, Map.of("reason", "the CA is not loaded (server log)"));
        }
        try {
            return ca.issuingKeySigns() ? new HealthFact(true, Map.of())
                    : new HealthFact(false, Map.of("reason", "the issuing key's test signature does not verify"));
        } catch (RuntimeException e) {
            return new HealthFact(false,
                    Map.of("reason", "the issuing key cannot sign: " + e.getClass().getSimpleName()));
        }
    }

    private HealthFact askSmtp() {
        String host = settings.get("kagi.smtp.host", "localhost");
        int port = settings.integer("kagi.smtp.port", 25);
        boolean reachable = connects(host, port);
        return new HealthFact(true, Map.of("smtp", reachable ? "reachable" : "unreachable",
                "state", reachable ? "ok" : "degraded", "server", host + ":" + port));
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
