package jp.kagi.bulk;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import jp.kagi.metrics.KagiMeters;

/** One data line of an import job and what became of it. */
@Entity
@Table(name = "import_row")
public class ImportRow {

    private static final String SEPARATOR = "\u001F";
    private static final int MAX_VALUE = 300;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "import_row")
    @SequenceGenerator(name = "import_row", sequenceName = "import_row_seq", allocationSize = 50)
    private Long id;

    @Column(name = "job_id", nullable = false)
    private long jobId;

    @Column(name = "line_no", nullable = false)
    private int line;

    private String customer;
    private String email;

    @Column(name = "display_name")
    private String displayName;

    private String language;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ImportRowStatus status;

    @Column(name = "user_id")
    private String userId;

    @Column(name = "common_name")
    private String commonName;

    private String serial;

    @Column(name = "message_key")
    private String messageKey;

    @Column(name = "message_args")
    private String messageArgs;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected ImportRow() {
    }

    ImportRow(long jobId, RowCheck check, Instant now) {
        this.jobId = jobId;
        this.line = check.line();
        this.customer = clip(check.customer());
        this.email = clip(check.email());
        this.displayName = clip(check.displayName());
        this.language = check.language() == null || check.language().length() <= 40 ? check.language()
                : check.language().substring(0, 40);
        this.updatedAt = now;
        if (check.valid()) {
            this.status = ImportRowStatus.PENDING;
        } else {
            this.status = ImportRowStatus.REJECTED;
            problem(check.problem(), check.arguments());
        }
    }

    private static String clip(String value) {
        return value == null || value.length() <= MAX_VALUE ? value : value.substring(0, MAX_VALUE);
    }

    private void problem(String key, List<Object> arguments) {
        this.messageKey = key;
        String joined = String.join(SEPARATOR, arguments.stream().map(String::valueOf).toList());
        this.messageArgs = joined.length() <= 1000 ? joined : joined.substring(0, 1000);
    }

    void accountOpened(String openedUserId, Instant now) {
        this.userId = openedUserId;
        this.status = ImportRowStatus.ACCOUNT_OPENED;
        this.updatedAt = now;
    }

    void done(String cn, String certificateSerial, Instant now) {
        this.commonName = cn;
        this.serial = certificateSerial;
        this.status = ImportRowStatus.DONE;
        this.updatedAt = now;
        KagiMeters.importRow("done");
    }

    void fail(String key, List<Object> arguments, Instant now) {
        problem(key, arguments);
        this.status = ImportRowStatus.FAILED;
        this.updatedAt = now;
        KagiMeters.importRow("failed");
    }

    /** An unexpected error (the server stopping, the database away): try again later, give up after a few. */
    boolean retryLater(Instant now) {
        attempts++;
        updatedAt = now;
        return attempts < 3;
    }

    public Long id() {
        return id;
    }

    public long jobId() {
        return jobId;
    }

    public ImportRowStatus status() {
        return status;
    }

    public String customer() {
        return customer;
    }

    public String email() {
        return email;
    }

    public String displayName() {
        return displayName;
    }

    public String language() {
        return language;
    }

    public String userId() {
        return userId;
    }

    ImportRowView view() {
        List<String> args = messageArgs == null || messageArgs.isEmpty() ? List.of()
                : Arrays.asList(messageArgs.split(SEPARATOR, -1));
        return new ImportRowView(line, customer, email, displayName, language, status.name(), userId, commonName,
                serial, messageKey, args);
    }
}
