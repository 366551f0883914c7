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
        if (onlyTimerTable()) {
            // A cluster node's EJB timer service (ha.cli) creates its table at boot, before this first migration: the
            // schema is not empty, yet holds nothing of Kagi's. Version 0 is below every migration: all of them run.
            config.baselineOnMigrate(true).baselineVersion("0");
        }
        var result = config.load().migrate();
        LOG.info(() -> "Database schema at version " + result.targetSchemaVersion + " (" + result.migrationsExecuted
                + " migrations applied now)");
    }

    /** True when the schema holds WildFly's EJB timer table and nothing else (a cluster's first start). */
    private boolean onlyTimerTable() {
        try (Connection c = dataSource.getConnection()) {
            String schema = settings.find("kagi.db.schema").orElse(c.getSchema());
            java.util.Set<String> tables = new java.util.HashSet<>();
            try (java.sql.ResultSet r = c.getMetaData().getTables(c.getCatalog(), schema, "%", new String[] {"TABLE"})) {
                while (r.next()) {
                    tables.add(r.getString("TABLE_NAME").toLowerCase(java.util.Locale.ROOT));
                }
            }
            return tables.equals(java.util.Set.of("jboss_ejb_timer"));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reach the database to migrate it", e);
        }
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
