package jp.kagi.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one door from features to Kagi's event counters. Static so that an entity or a plain helper can count without
 * injection; until {@link MetricsStartup} binds WildFly's registry (and in unit tests) every call is a no-op.
 * Inside a transaction the count waits for the commit: a rolled-back issuance issued nothing.
 */
public final class KagiMeters {

    private static final Logger LOG = Logger.getLogger(KagiMeters.class.getName());
    private static volatile MeterRegistry registry;
    private static volatile TransactionSynchronizationRegistry transactions;

    private KagiMeters() {
    }

    static void bind(MeterRegistry meters, TransactionSynchronizationRegistry tsr) {
        transactions = tsr;
        registry = meters;
    }

    static void unbind() {
        registry = null;
        transactions = null;
    }

    /** A certificate signed and stored (issuance, reissue, renewal, import). */
    public static void certificateIssued() {
        count("kagi_certificates_issued", "Certificates issued");
    }

    /** A PKCS#12 handed out by 鍵の取得 (every download, the first and the repeats). */
    public static void retrieval() {
        count("kagi_retrievals", "PKCS#12 downloads (鍵の取得)");
    }

    /** A retrieval request locked for good, its private key destroyed; {@code reason} is the lock reason's code. */
    public static void lockApplied(String reason) {
        count("kagi_locks_applied", "Retrieval requests locked (private key destroyed), by reason", "reason", reason);
    }

    public static void mailQueued() {
        count("kagi_mail_queued", "Mails stored in the outbox");
    }

    public static void mailSent() {
        count("kagi_mail_sent", "Mails the SMTP server accepted");
    }

    /** One failed delivery attempt; {@code gaveUp} when it was the last one (the mail is FAILED now). */
    public static void mailFailed(boolean gaveUp) {
        count("kagi_mail_failed", "Failed SMTP attempts; final=true: the outbox gave up on the mail",
                "final", String.valueOf(gaveUp));
    }

    /**
     * A wrong password (or API token) at sign-in; {@code surface} is staff, api-token or portal. Throttled refusals
     * are not. Counted at once: the portal's refusal is an exception that rolls its transaction back.
     */
    public static void loginFailed(String surface) {
        countNow("kagi_login_failures", "Failed sign-ins (wrong user, password or API token), by surface",
                "surface", surface);
    }

    /** One import row finished; {@code result} is done or failed. */
    public static void importRow(String result) {
        count("kagi_import_rows", "Bulk import rows finished on this node, by result", "result", result);
    }

    /** One renewal campaign row finished; {@code result} is renewed or failed. */
    public static void campaignRow(String result) {
        count("kagi_campaign_rows", "Renewal campaign rows finished on this node, by result", "result", result);
    }

    /** One OCSP request answered; {@code result} is the OCSPResponseStatus in lower case (successful, ...). */
    public static void ocspRequest(String result) {
        countNow("kagi_ocsp_requests", "OCSP requests answered, by response status", "result", result);
    }

    /** A connection refused by the 8444 listener (TLS handshake or the ASP module's checks), by reason. */
    public static void aspRefusal(String reason) {
        countNow("kagi_asp_refusals", "Connections refused on port 8444, by reason", "reason", reason);
    }

    /** Prometheus label values: lower case, dashes, as in the docs. */
    static String label(String value) {
        return value == null ? "unknown" : value.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** {@code help} documents the meter here (and in operations.md): the registry's convenience methods take none. */
    private static void count(String name, String help, String... tags) {
        MeterRegistry meters = registry;
        if (meters == null) {
            return;
        }
        Counter counter = counter(meters, name, help, tags);
        TransactionSynchronizationRegistry tsr = transactions;
        if (tsr == null || tsr.getTransactionStatus() != Status.STATUS_ACTIVE) {
            counter.increment();
            return;
        }
        try {
            tsr.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        counter.increment();
                    }
                }
            });
        } catch (IllegalStateException e) {
            // the transaction is ending already: count now rather than lose it
            LOG.log(Level.FINE, "counting " + name + " outside the transaction", e);
            counter.increment();
        }
    }

    private static void countNow(String name, String help, String... tags) {
        MeterRegistry meters = registry;
        if (meters != null) {
            counter(meters, name, help, tags).increment();
        }
    }

    private static Counter counter(MeterRegistry meters, String name, String help, String... tags) {
        for (int i = 1; i < tags.length; i += 2) {
            tags[i] = label(tags[i]);
        }
        // Micrometer adds the _total suffix of a Prometheus counter itself. registry.counter(), not Counter.builder():
        // WildFly's per-deployment registry hands only its convenience methods on to the exported registry; a builder
        // registers in the deployment's own, unexported one.
        return meters.counter(name, tags);
    }
}
