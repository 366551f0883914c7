package jp.kagi.ocsp;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the OCSP responder certificate valid: a non-persistent interval timer asks {@link OcspResponder#renewIfDue()}
 * every tenth of KAGI_OCSP_RESPONDER_RENEW_BEFORE (between 1 s and 1 h), so the certificate is renewed within that
 * margin of the moment it becomes due, long before it expires. Not persistent because the responder checks at every
 * start anyway, and the keystore is what persists.
 */
@Singleton
@Startup
@DependsOn("OcspResponder")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ResponderRenewal {

    private static final Logger LOG = Logger.getLogger(ResponderRenewal.class.getName());

    @Resource
    private TimerService timers;

    @Inject
    private OcspResponder responder;

    @PostConstruct
    void schedule() {
        long every = checkInterval(responder.renewBefore(responder.validity())).toMillis();
        timers.createIntervalTimer(every, every, new TimerConfig("kagi-ocsp-responder-renewal", false));
    }

    static Duration checkInterval(Duration renewBefore) {
        Duration tenth = renewBefore.dividedBy(10);
        if (tenth.compareTo(Duration.ofSeconds(1)) < 0) {
            return Duration.ofSeconds(1);
        }
        return tenth.compareTo(Duration.ofHours(1)) > 0 ? Duration.ofHours(1) : tenth;
    }

    @Timeout
    void check() {
        try {
            responder.renewIfDue();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "OCSP responder renewal failed; the next check tries again", e);
        }
    }
}
