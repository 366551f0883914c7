package jp.kagi.renewal;

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
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import jp.kagi.lock.LockSweep;
import jp.kagi.mail.MailKind;
import jp.kagi.platform.Actor;
import jp.kagi.platform.DurationConverter;
import jp.kagi.platform.IntervalTimers;
import jp.kagi.platform.Settings;

/**
 * Keeps every campaign's reminders and completion on persistent EJB timers: one single-action timer per reminder
 * step (at the completion minus the step) and one at the completion. Persistent, so a step that fell due while
 * the server was down fires when it starts again; at start every running campaign's timers are also checked and
 * missing ones made again. The handlers are idempotent (a step reaches an account at most once), so a timer that
 * fires twice does no harm. A non-persistent interval timer (KAGI_RENEWAL_SWEEP, default PT1H) sends the expiry
 * warnings.
 */
@Singleton
@Startup
@DependsOn("CertificateAuthority")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class CampaignTimers {

    private static final Logger LOG = Logger.getLogger(CampaignTimers.class.getName());
    private static final String SWEEP = "kagi-renewal-expiry";

    /** What a timer is for: a reminder step of a campaign, or its completion. */
    public record Task(long campaignId, String step) implements Serializable {

        static final String COMPLETION = "completion";

        boolean completion() {
            return COMPLETION.equals(step);
        }
    }

    @Resource
    private TimerService timers;

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private Settings settings;

    @Inject
    private ReminderBatch reminders;

    @Inject
    private CompletionSteps completion;

    @Inject
    private LockSweep lockSweep;

    @Inject
    private ExpiryWarnings expiry;

    @PostConstruct
    void start() {
        Duration every = settings.duration("kagi.renewal.sweep", Duration.ofHours(1));
        timers.createIntervalTimer(every.toMillis(), every.toMillis(), new TimerConfig(SWEEP, false));
        try {
            em.createQuery("select c from RenewalCampaign c where c.status in :running", RenewalCampaign.class)
                    .setParameter("running", Set.of(CampaignStatus.LAUNCHING, CampaignStatus.RUNNING))
                    .getResultList().forEach(this::schedule);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not check the campaigns' timers at start", e);
        }
    }

    /**
     * Makes the campaign's missing timers: each reminder step still ahead, a step already past but not yet fired
     * (the server was down) at once, and the completion. Called at launch, after an extension and at start.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public void schedule(RenewalCampaign campaign) {
        Set<Task> existing = new HashSet<>();
        for (Timer t : timers.getTimers()) {
            if (t.getInfo() instanceof Task task && task.campaignId() == campaign.id()) {
                existing.add(task);
            }
        }
        Instant now = clock.instant();
        for (Duration step : campaign.reminders()) {
            Task task = new Task(campaign.id(), DurationConverter.iso(step));
            if (!existing.contains(task)) {
                at(max(campaign.completionAt().minus(step), now), task);
            }
        }
        Task done = new Task(campaign.id(), Task.COMPLETION);
        if (!existing.contains(done)) {
            at(max(campaign.completionAt(), now), done);
        }
    }

    /** Cancels the campaign's timers (cancel, or before an extension makes them again). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public void unschedule(long campaignId) {
        for (Timer t : timers.getTimers()) {
            if (t.getInfo() instanceof Task task && task.campaignId() == campaignId) {
                t.cancel();
            }
        }
    }

    private void at(Instant when, Task task) {
        timers.createSingleActionTimer(Date.from(when), new TimerConfig(task, true));
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    @Timeout
    void fire(Timer timer) {
        try {
            if (timer.getInfo() instanceof Task task) {
                // Two nodes starting at once may both have made this step's timer: the handlers are idempotent,
                // and the twin goes now.
                IntervalTimers.cancelTwins(timers, timer);
                if (task.completion()) {
                    complete(task.campaignId());
                } else {
                    remind(task.campaignId(), task.step());
                }
            } else if (SWEEP.equals(timer.getInfo())) {
                while (expiry.warnDue() == ExpiryWarnings.BATCH) {
                    // next batch
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Campaign timer " + timer.getInfo() + " failed", e);
        }
    }

    /** Sends a reminder step to every account still missing it; each batch its own transaction. */
    public int remind(long campaignId, String step) {
        int sent = 0;
        int batch;
        do {
            batch = reminders.send(campaignId, step, MailKind.RENEWAL_REMINDER, Actor.SYSTEM.name(), null, null);
            sent += batch;
        } while (batch == ReminderBatch.SIZE);
        int total = sent;
        LOG.info(() -> "Campaign " + campaignId + " reminder " + step + ": " + total);
        return total;
    }

    private void complete(long campaignId) {
        if (!completion.closeRows(campaignId)) {
            return;
        }
        while (lockSweep.lockDue() > 0) {
            // locks the campaign's unretrieved requests (their deadline is now) and any other due request
        }
        completion.finish(campaignId);
    }
}
