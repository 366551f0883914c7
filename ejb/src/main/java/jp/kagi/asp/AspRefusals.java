package jp.kagi.asp;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.logging.Logger;
import jp.kagi.metrics.KagiMeters;

/**
 * Counts the 8444 listener's refusals by reason since start and logs each refusal once, with its reason and the
 * certificate's subject and serial when there was one (never more: no key material, no full chain). Refusals come
 * from two places: the TLS handshake ({@link TlsRefusalHandler}) and the ASP module's own checks after it. Read by
 * the ASP service and, later, the back office.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class AspRefusals {

    private static final Logger LOG = Logger.getLogger("jp.kagi.asp.refused");
    private final AtomicLongArray counts = new AtomicLongArray(RefusalReason.values().length);

    private final TlsRefusalHandler tls = new TlsRefusalHandler((reason, detail) -> refused(reason, "a TLS client",
            detail));

    @PostConstruct
    void listen() {
        Logger.getLogger("javax.net.ssl").addHandler(tls);
    }

    @PreDestroy
    void stopListening() {
        Logger.getLogger("javax.net.ssl").removeHandler(tls);
    }

    /** One refusal: counted and logged once. {@code who} is the subject and serial, or the peer's address. */
    public void refused(RefusalReason reason, String who, String detail) {
        counts.incrementAndGet(reason.ordinal());
        KagiMeters.aspRefusal(reason.name());
        LOG.warning(() -> "Refused " + who + ": " + reason + (detail == null ? "" : " (" + detail + ")"));
    }

    public Map<RefusalReason, Long> counts() {
        Map<RefusalReason, Long> all = new EnumMap<>(RefusalReason.class);
        for (RefusalReason r : RefusalReason.values()) {
            all.put(r, counts.get(r.ordinal()));
        }
        return all;
    }

    public long total() {
        long sum = 0;
        for (int i = 0; i < counts.length(); i++) {
            sum += counts.get(i);
        }
        return sum;
    }
}
