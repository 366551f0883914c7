package jp.kagi.mail;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import jp.kagi.platform.Settings;

/**
 * The outbox's sending timer: every KAGI_MAIL_POLL (ISO-8601, default PT10S) it delivers what is due, oldest first,
 * no faster than KAGI_MAIL_RATE mails per minute (default 600, 0 = unlimited). The timer is not persistent: it is
 * recreated at every start from the setting, while the outbox itself is what persists.
 *
 * <p>A round keeps going while mails are due, waiting for the {@link MailRateBucket} between mails, until shortly
 * before the next tick (at most 30 s, so that shutdown gets through); the bucket outlives the rounds, so the rate
 * holds across them. The rate is read before every mail: a system property changes it without a restart.
 */
@Singleton
@Startup
@DependsOn("CertificateAuthority")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class OutboxSender {

    private static final Logger LOG = Logger.getLogger(OutboxSender.class.getName());
    private static final int BATCH = 50;
    static final int DEFAULT_RATE = 600;
    private static final Duration LONGEST_ROUND = Duration.ofSeconds(30);

    @Resource
    private TimerService timers;

    @Inject
    private MailDelivery delivery;

    @Inject
    private Settings settings;

    @Inject
    private Clock clock;

    private final AtomicBoolean running = new AtomicBoolean();
    private MailRateBucket bucket;
    private Duration every;

    @PostConstruct
    void schedule() {
        bucket = new MailRateBucket(clock);
        every = settings.duration("kagi.mail.poll", Duration.ofSeconds(10));
        timers.createIntervalTimer(every.toMillis(), every.toMillis(), new TimerConfig("kagi-outbox", false));
    }

    @Timeout
    void tick(Timer timer) {
        if (!running.compareAndSet(false, true)) {
            return; // the previous round is still talking to a slow SMTP server
        }
        try {
            deliverDue(roundEnd(clock.instant(), nextTick(timer)));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Outbox round failed; the next round will try again", e);
        } finally {
            running.set(false);
        }
    }

    private Instant nextTick(Timer timer) {
        try {
            return timer.getNextTimeout().toInstant();
        } catch (RuntimeException e) { // cancelled meanwhile (undeploy): one more interval is as good a guess
            return clock.instant().plus(every);
        }
    }

    /**
     * A round ends a little before the next tick is due (a tenth of the interval, at most 0.5 s; counted from the
     * tick's schedule, since a busy server starts rounds late), and after 30 s at most, so that shutdown gets through.
     */
    Instant roundEnd(Instant start, Instant nextTick) {
        Duration margin = every.dividedBy(10);
        margin = margin.compareTo(Duration.ofMillis(500)) > 0 ? Duration.ofMillis(500) : margin;
        Instant end = nextTick.minus(margin);
        Instant longest = start.plus(LONGEST_ROUND);
        return end.isAfter(longest) ? longest : end;
    }

    /**
     * Delivers due mails, oldest first, until none is due, the rate's budget would only come after {@code deadline},
     * or the SMTP server looks down. One refused address must not hold back the others, but three failures in a row
     * mean the server is likely down: then wait for the next round rather than time out on every mail. Every attempt
     * costs budget, failed ones too: the customer's server counts connections, not successes.
     */
    int deliverDue(Instant deadline) {
        int sent = 0;
        int failuresInRow = 0;
        while (clock.instant().isBefore(deadline)) {
            List<Long> due = delivery.due(BATCH);
            if (due.isEmpty()) {
                return sent;
            }
            for (Long id : due) {
                if (!awaitBudget(rate(), deadline)) {
                    return sent;
                }
                if (delivery.deliver(id)) {
                    sent++;
                    failuresInRow = 0;
                } else if (++failuresInRow >= 3) {
                    return sent;
                }
            }
        }
        return sent;
    }

    /** KAGI_MAIL_RATE, read every time so that an operator (or a test) can change it without a restart. */
    int rate() {
        int rate = settings.integer("kagi.mail.rate", DEFAULT_RATE);
        if (rate < 0 || rate > MailRateBucket.MAX_RATE) {
            throw new IllegalStateException("Setting kagi.mail.rate must be 0 (unlimited) to "
                    + MailRateBucket.MAX_RATE + " mails per minute, not " + rate);
        }
        return rate;
    }

    /** Takes one mail's budget, waiting for it if it comes before the deadline; false if it does not. */
    private boolean awaitBudget(int rate, Instant deadline) {
        if (!clock.instant().isBefore(deadline)) {
            return false; // also unlimited: the round hands over to the next tick in time
        }
        while (!bucket.tryTake(rate)) {
            Duration wait = bucket.untilNext(rate);
            if (clock.instant().plus(wait).isAfter(deadline)) {
                return false; // the next round goes on from here: the bucket keeps what builds up meanwhile
            }
            try {
                Thread.sleep(Math.max(1, (wait.toNanos() + 999_999) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
