package jp.kagi.mail;

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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import jp.kagi.platform.Settings;

/**
 * The outbox's sending timer: every KAGI_MAIL_POLL (ISO-8601, default PT10S) it delivers what is due. The timer
 * is not persistent: it is recreated at every start from the setting, while the outbox itself is what persists.
 */
@Singleton
@Startup
@DependsOn("CertificateAuthority")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class OutboxSender {

    private static final Logger LOG = Logger.getLogger(OutboxSender.class.getName());
    private static final int BATCH = 50;

    @Resource
    private TimerService timers;

    @Inject
    private MailDelivery delivery;

    @Inject
    private Settings settings;

    private final AtomicBoolean running = new AtomicBoolean();

    @PostConstruct
    void schedule() {
        Duration every = settings.duration("kagi.mail.poll", Duration.ofSeconds(10));
        timers.createIntervalTimer(every.toMillis(), every.toMillis(), new TimerConfig("kagi-outbox", false));
    }

    @Timeout
    void tick() {
        if (!running.compareAndSet(false, true)) {
            return; // the previous round is still talking to a slow SMTP server
        }
        try {
            deliverDue();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Outbox round failed; the next round will try again", e);
        } finally {
            running.set(false);
        }
    }

    /**
     * Delivers due mails. One refused address must not hold back the others, but three failures in a row mean the
     * SMTP server is likely down: then wait for the next round rather than time out on every mail.
     */
    public int deliverDue() {
        int sent = 0;
        int failuresInRow = 0;
        for (Long id : delivery.due(BATCH)) {
            if (delivery.deliver(id)) {
                sent++;
                failuresInRow = 0;
            } else if (++failuresInRow >= 3) {
                break;
            }
        }
        return sent;
    }
}
