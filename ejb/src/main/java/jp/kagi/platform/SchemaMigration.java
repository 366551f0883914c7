package jp.kagi.platform;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.logging.Logger;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Brings the schema to the version this build expects before any other bean touches the database. Flyway keeps the
 * history in the database itself, so an upgrade of Kagi migrates H2 and PostgreSQL alike (docs/architecture.md).
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SchemaMigration {

    private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());

    @Resource(lookup = "java:jboss/datasources/KagiDS")
    private DataSource dataSource;

    @jakarta.inject.Inject
    private Settings settings;

    @PostConstruct
    void migrate() {
        var config = Flyway.configure(SchemaMigration.class.getClassLoader())
                .dataSource(dataSource)
                .locations(locations())
                .cleanDisabled(true);
        settings.find("kagi.db.schema").ifPresent(schema -> config.schemas(schema).createSchemas(true));
        var result = config.load().migrate();
        LOG.info(() -> "Database schema at version " + result.targetSchemaVersion + " (" + result.migrationsExecuted
                + " migrations applied now)");
    }

    /**
     * The shared scripts, plus each database's own: on PostgreSQL the audit log's append-only triggers (V14_1), on H2
     * the descending list indexes it needs to page newest first (V18_1).
     */
    private String[] locations() {
        try (Connection c = dataSource.getConnection()) {
            return c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres")
                    ? new String[] {"classpath:db/migration", "classpath:db/migration-postgresql"}
                    : new String[] {"classpath:db/migration", "classpath:db/migration-h2"};
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reach the database to migrate it", e);
        }
    }
}
