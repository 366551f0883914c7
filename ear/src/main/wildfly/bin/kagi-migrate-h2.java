import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.flywaydb.core.Flyway;

/**
 * Copies Kagi's embedded H2 database into an empty PostgreSQL schema (run by bin/kagi-migrate-h2.sh, which puts the
 * H2 and PostgreSQL drivers, Flyway and kagi-ejb.jar's migrations on the class path). Flyway creates the PostgreSQL
 * schema from the same migrations Kagi runs; then every table is copied in foreign-key order with its ids and bytes
 * unchanged (the audit chain's hashes cover them), the identity sequences continue after the copied ids, and the row
 * counts are compared. One transaction on PostgreSQL: a failed copy leaves the tables empty.
 * Source: KAGI_DATA_DIR/db/kagi (Kagi stopped). Target: KAGI_DB_URL, KAGI_DB_USER, KAGI_DB_PASSWORD, KAGI_DB_SCHEMA.
 */
public class KagiMigrateH2 {

    private static final String HISTORY = "flyway_schema_history";
    private static final int BATCH = 500;

    public static void main(String[] args) throws SQLException {
        String data = required("KAGI_DATA_DIR");
        String url = required("KAGI_DB_URL");
        if (!url.startsWith("jdbc:postgresql:")) {
            fail("KAGI_DB_URL must be the target jdbc:postgresql: URL");
        }
        String user = System.getenv().getOrDefault("KAGI_DB_USER", "postgres");
        String password = System.getenv().getOrDefault("KAGI_DB_PASSWORD", "");
        String h2Url = "jdbc:h2:file:" + data + "/db/kagi;IFEXISTS=TRUE;ACCESS_MODE_DATA=r";
        try (Connection h2 = open(h2Url, "sa", "sa", "the H2 database (is Kagi stopped?)");
                Connection pg = open(url, user, password, "PostgreSQL")) {
            String schema = System.getenv("KAGI_DB_SCHEMA");
            if (schema == null || schema.isBlank()) {
                schema = single(pg, "SELECT current_schema()");
            }
            long existing = Long.parseLong(single(pg, "SELECT count(*) FROM information_schema.tables WHERE table_schema = '"
                    + schema.replace("'", "''") + "'"));
            if (existing > 0) {
                fail("Schema " + schema + " already has " + existing + " tables: the target must be empty");
            }
            migrate(url, user, password, schema);
            checkVersions(h2, pg, schema);
            copy(h2, pg, schema);
        }
    }

    private static void migrate(String url, String user, String password, String schema) {
        var result = Flyway.configure(KagiMigrateH2.class.getClassLoader())
                .dataSource(url, user, password)
                .locations("classpath:db/migration", "classpath:db/migration-postgresql")
                .schemas(schema).createSchemas(true).cleanDisabled(true)
                .load().migrate();
        System.out.println("PostgreSQL schema " + schema + " created at version " + result.targetSchemaVersion);
    }

    /**
     * H2 must be at this release's schema: every version on both sides but each database's own scripts (PostgreSQL's
     * audit triggers V14_1, H2's descending list indexes V18_1), which hold no data to copy.
     */
    private static void checkVersions(Connection h2, Connection pg, String schema) throws SQLException {
        Set<String> source = versions(h2, "SELECT \"version\", \"script\" FROM \"" + HISTORY + "\" WHERE \"success\"");
        Set<String> target = versions(pg, "SELECT version, script FROM \"" + schema + "\"." + HISTORY + " WHERE success");
        if (!source.equals(target)) {
            fail("Schema versions differ (H2 " + source + ", PostgreSQL " + target + "): start Kagi once on H2 with this "
                    + "release, stop it, and run the migration again");
        }
    }

    private static Set<String> versions(Connection c, String sql) throws SQLException {
        Set<String> versions = new TreeSet<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                String version = rs.getString(1);
                String script = rs.getString(2);
                ClassLoader loader = KagiMigrateH2.class.getClassLoader();
                boolean oneDatabaseOnly = loader.getResource("db/migration-postgresql/" + script) != null
                        || loader.getResource("db/migration-h2/" + script) != null;
                if (version != null && !oneDatabaseOnly) {
                    versions.add(version);
                }
            }
        }
        return versions;
    }

    private static void copy(Connection h2, Connection pg, String schema) throws SQLException {
        pg.setAutoCommit(false);
        List<String> tables = foreignKeyOrder(pg, schema);
        Set<String> h2Tables = h2Tables(h2);
        h2Tables.removeAll(tables);
        h2Tables.remove(HISTORY);
        if (!h2Tables.isEmpty()) {
            fail("H2 has tables that PostgreSQL has not: " + h2Tables);
        }
        // Rows the migrations inserted themselves (the audit chain head, the CRL counter) give way to the copied ones.
        for (int i = tables.size() - 1; i >= 0; i--) {
            try (Statement s = pg.createStatement()) {
                s.executeUpdate("DELETE FROM \"" + schema + "\"." + tables.get(i));
            }
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : tables) {
            counts.put(table, copyTable(h2, pg, schema, table));
        }
        resetIdentities(pg, schema);
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            long source = Long.parseLong(single(h2, "SELECT count(*) FROM " + e.getKey()));
            long target = Long.parseLong(single(pg, "SELECT count(*) FROM \"" + schema + "\"." + e.getKey()));
            if (source != target || target != e.getValue()) {
                pg.rollback();
                fail("Row counts differ for " + e.getKey() + ": H2 " + source + ", PostgreSQL " + target);
            }
            System.out.printf(Locale.ROOT, "%-28s %10d rows%n", e.getKey(), target);
        }
        pg.commit();
        System.out.println("Copied " + tables.size() + " tables; start Kagi with KAGI_DB_URL (same KAGI_DATA_DIR)");
    }

    private static long copyTable(Connection h2, Connection pg, String schema, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        List<String> types = new ArrayList<>();
        try (ResultSet rs = pg.getMetaData().getColumns(null, schema, table, null)) {
            while (rs.next()) {
                columns.add(rs.getString("COLUMN_NAME"));
                types.add(rs.getString("TYPE_NAME").toLowerCase(Locale.ROOT));
            }
        }
        String list = String.join(", ", columns);
        String insert = "INSERT INTO \"" + schema + "\"." + table + " (" + list + ") VALUES ("
                + "?, ".repeat(columns.size() - 1) + "?)";
        long rows = 0;
        try (Statement read = h2.createStatement();
                ResultSet rs = read.executeQuery("SELECT " + list + " FROM " + table);
                PreparedStatement write = pg.prepareStatement(insert)) {
            while (rs.next()) {
                for (int i = 1; i <= columns.size(); i++) {
                    switch (types.get(i - 1)) {
                        case "bytea" -> write.setBytes(i, rs.getBytes(i));
                        case "timestamptz" -> write.setObject(i, rs.getObject(i, OffsetDateTime.class));
                        case "date" -> write.setObject(i, rs.getObject(i, LocalDate.class));
                        default -> write.setObject(i, rs.getObject(i));
                    }
                }
                write.addBatch();
                if (++rows % BATCH == 0) {
                    write.executeBatch();
                }
            }
            write.executeBatch();
        }
        return rows;
    }

    /** Identity columns continue after the highest copied id (inserting explicit ids does not move them). */
    private static void resetIdentities(Connection pg, String schema) throws SQLException {
        List<String[]> identities = new ArrayList<>();
        try (PreparedStatement ps = pg.prepareStatement("SELECT table_name, column_name FROM information_schema.columns"
                + " WHERE table_schema = ? AND is_identity = 'YES'")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    identities.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
        }
        for (String[] id : identities) {
            String qualified = "\"" + schema + "\"." + id[0];
            try (Statement s = pg.createStatement()) {
                s.execute("SELECT setval(pg_get_serial_sequence('" + qualified.replace("'", "''") + "', '" + id[1]
                        + "'), COALESCE((SELECT MAX(" + id[1] + ") FROM " + qualified + "), 0) + 1, false)");
            }
        }
    }

    /** Tables of the schema, every table after the tables it references. */
    private static List<String> foreignKeyOrder(Connection pg, String schema) throws SQLException {
        DatabaseMetaData meta = pg.getMetaData();
        Map<String, Set<String>> references = new LinkedHashMap<>();
        try (ResultSet rs = meta.getTables(null, schema, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                String table = rs.getString("TABLE_NAME");
                if (!table.equals(HISTORY)) {
                    references.put(table, new HashSet<>());
                }
            }
        }
        for (Map.Entry<String, Set<String>> e : references.entrySet()) {
            try (ResultSet rs = meta.getImportedKeys(null, schema, e.getKey())) {
                while (rs.next()) {
                    String parent = rs.getString("PKTABLE_NAME");
                    if (!parent.equals(e.getKey())) {
                        e.getValue().add(parent);
                    }
                }
            }
        }
        Set<String> ordered = new LinkedHashSet<>();
        while (ordered.size() < references.size()) {
            int before = ordered.size();
            for (Map.Entry<String, Set<String>> e : references.entrySet()) {
                if (!ordered.contains(e.getKey()) && ordered.containsAll(e.getValue())) {
                    ordered.add(e.getKey());
                }
            }
            if (ordered.size() == before) {
                fail("Foreign keys form a cycle among " + references.keySet());
            }
        }
        return new ArrayList<>(ordered);
    }

    private static Set<String> h2Tables(Connection h2) throws SQLException {
        Set<String> tables = new TreeSet<>();
        try (ResultSet rs = h2.getMetaData().getTables(null, "PUBLIC", "%", new String[] {"TABLE", "BASE TABLE"})) {
            while (rs.next()) {
                tables.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
            }
        }
        return tables;
    }

    private static String single(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static Connection open(String url, String user, String password, String what) {
        try {
            return DriverManager.getConnection(url, user, password);
        } catch (SQLException e) {
            fail("Cannot open " + what + ": " + e.getMessage());
            return null;
        }
    }

    private static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            fail(name + " is not set");
        }
        return value;
    }

    private static void fail(String message) {
        System.err.println("kagi-migrate-h2: " + message);
        System.exit(1);
    }
}
