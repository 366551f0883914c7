package jp.kagi.renewal;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import jp.kagi.audit.AuditLog;
import jp.kagi.mail.MailKind;
import jp.kagi.mail.MailSettings;
import jp.kagi.platform.Access;
import jp.kagi.platform.Actor;
import jp.kagi.platform.CustomerScope;
import jp.kagi.platform.KagiException;
import jp.kagi.platform.PageRequest;
import jp.kagi.platform.Settings;

/**
 * Renewal campaigns, with authorization where the data is: only a CA admin creates, launches, extends or cancels a
 * campaign; an operator sees and reminds only its own customers' rows (a campaign with none of them does not
 * exist for it); an auditor reads.
 */
@Stateless
public class RenewalCampaigns {

    private static final int FLUSH_EVERY = 500;

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private AuditLog audit;

    @Inject
    private CampaignPlanner planner;

    @Inject
    private CampaignFigures figures;

    @Inject
    private CampaignTimers timers;

    @Inject
    private CampaignCancel cancellation;

    @Inject
    private ReminderBatch reminders;

    @Inject
    private MailSettings mailSettings;

    @Inject
    private Settings settings;

    public CampaignPreview preview(CustomerScope who, CampaignRequest request) {
        requireCaAdmin(who);
        return planner.preview(who, settings(request));
    }

    /** Writes the campaign (DRAFT) and its rows; nothing is issued or mailed until {@link #launch}. */
    public CampaignView create(Actor actor, CustomerScope who, CampaignRequest request) {
        requireCaAdmin(who);
        CampaignSettings s = settings(request);
        CampaignPlanner.Plan plan = planner.plan(who, s);
        Instant now = clock.instant();
        Set<Long> customerIds = plan.customers().stream().map(c -> c.id()).collect(Collectors.toSet());
        RenewalCampaign campaign = new RenewalCampaign(s, customerIds, actor, now);
        em.persist(campaign);
        em.flush();
        int n = 0;
        for (CampaignTarget t : plan.targets()) {
            em.persist(new CampaignAccount(campaign.id(), t.accountId(), t.customerId(), t.certificateId(), t.excluded(),
                    now));
            if (++n % FLUSH_EVERY == 0) {
                em.flush();
                em.clear();
            }
        }
        em.flush();
        audit.record(actor, "campaign.create", "campaign", String.valueOf(campaign.id()), s.name() + ": "
                + plan.included() + " accounts of " + plan.customers().size() + " customers, completion "
                + s.completion().text());
        return view(em.find(RenewalCampaign.class, campaign.id()), null);
    }

    /** Starts issuing in the background and arms the reminder and completion timers. */
    public CampaignView launch(Actor actor, CustomerScope who, long id) {
        requireCaAdmin(who);
        RenewalCampaign campaign = lock(who, id);
        if (campaign.status() != CampaignStatus.DRAFT) {
            throw KagiException.conflict("error.campaign.notDraft", campaign.name());
        }
        if (!clock.instant().isBefore(campaign.completionAt())) {
            throw KagiException.invalid("error.campaign.completionPast", campaign.completionText());
        }
        campaign.launch(clock.instant());
        timers.schedule(campaign);
        audit.record(actor, "campaign.launch", "campaign", String.valueOf(id), campaign.name());
        return view(campaign, null);
    }

    /**
     * Moves the completion date: open renewal requests get the new deadline, the reminder timers are made again
     * for the steps still ahead (a step already sent is not sent again), and the stragglers get the new date.
     */
    public CampaignView extend(Actor actor, CustomerScope who, long id, String completionText) {
        requireCaAdmin(who);
        RenewalCampaign campaign = lock(who, id);
        if (!CampaignStatus.HOLDING.contains(campaign.status())) {
            throw KagiException.conflict("error.campaign.ended", campaign.name());
        }
        CampaignSettings.Completion completion = CampaignSettings.Completion.parse(completionText, mailSettings.zone());
        if (!completion.at().isAfter(clock.instant())) {
            throw KagiException.invalid("error.campaign.completionPast", completion.text());
        }
        String before = campaign.completionText();
        campaign.extend(completion);
        int moved = cancellation.moveDeadlines(campaign);
        if (campaign.status() != CampaignStatus.DRAFT) {
            timers.unschedule(id);
            timers.schedule(campaign);
            reminders.sendAll(id, "extended:" + clock.instant().getEpochSecond(), MailKind.RENEWAL_EXTENDED,
                    actor.name());
        }
        audit.record(actor, "campaign.extend", "campaign", String.valueOf(id), before + " -> " + completion.text()
                + "; " + moved + " open requests moved");
        return view(campaign, null);
    }

    /**
     * Cancels: no more issuance or reminders. New certificates whose key nobody retrieved are revoked
     * (cessationOfOperation) and their requests locked, so nothing unused stays valid; retrieved ones stay valid.
     */
    public CampaignView cancel(Actor actor, CustomerScope who, long id) {
        requireCaAdmin(who);
        RenewalCampaign campaign = lock(who, id);
        if (!CampaignStatus.HOLDING.contains(campaign.status())) {
            throw KagiException.conflict("error.campaign.ended", campaign.name());
        }
        campaign.cancel(clock.instant());
        timers.unschedule(id);
        int revoked = cancellation.cancelRows(actor, campaign);
        audit.record(actor, "campaign.cancel", "campaign", String.valueOf(id), campaign.name() + "; " + revoked
                + " unretrieved certificates revoked");
        return view(campaign, null);
    }

    /**
     * Sends a reminder now to {@code userId}, or (null) to every account of the campaign the caller may change that
     * has not retrieved its new key. Returns how many were sent.
     */
    public int remind(Actor actor, CustomerScope who, long id, String userId) {
        Access.write(who);
        RenewalCampaign campaign = require(who, id);
        if (!campaign.status().reminds()) {
            throw KagiException.conflict("error.campaign.notRunning", campaign.name());
        }
        Set<Long> scope = scope(who);
        String step = "now:" + clock.instant().toEpochMilli();
        String user = userId == null || userId.isBlank() ? null : userId.strip();
        int sent = 0;
        int batch;
        do {
            batch = reminders.send(id, step, MailKind.RENEWAL_REMINDER, actor.name(), scope, user);
            sent += batch;
        } while (batch == ReminderBatch.SIZE);
        if (user != null && sent == 0) {
            throw KagiException.invalid("error.campaign.notStraggler", user);
        }
        audit.record(actor, "campaign.remind", "campaign", String.valueOf(id), (user == null ? "all" : user) + ": "
                + sent + " sent");
        return sent;
    }

    public Optional<CampaignView> view(CustomerScope who, long id) {
        RenewalCampaign campaign = em.find(RenewalCampaign.class, id);
        return campaign == null || !visible(who, campaign) ? Optional.empty()
                : Optional.of(view(campaign, scope(who)));
    }

    /** The newest campaigns the admin may see. */
    public List<CampaignView> list(CustomerScope who, int max) {
        Set<Long> scope = scope(who);
        return em.createQuery("select c from RenewalCampaign c order by c.id desc", RenewalCampaign.class)
                .getResultStream().filter(c -> visible(who, c)).limit(Math.max(1, Math.min(max, 500)))
                .map(c -> view(c, scope)).toList();
    }

    public List<CampaignRowView> rows(CustomerScope who, long id, String state, PageRequest page) {
        require(who, id);
        return figures.rows(id, scope(who), CampaignRowState.filter(state), page);
    }

    public long countRows(CustomerScope who, long id, String state) {
        require(who, id);
        return figures.countRows(id, scope(who), CampaignRowState.filter(state));
    }

    public List<DailyCount> retrievalsPerDay(CustomerScope who, long id) {
        require(who, id);
        return figures.retrievalsPerDay(id, scope(who), mailSettings.zone());
    }

    private CampaignView view(RenewalCampaign campaign, Set<Long> scope) {
        List<CampaignCounts> counts = figures.counts(campaign.id(), scope);
        return CampaignView.of(campaign, counts.get(0), counts.subList(1, counts.size()));
    }

    private CampaignSettings settings(CampaignRequest request) {
        return CampaignSettings.of(request, clock.instant(), mailSettings.zone(),
                settings.duration("kagi.renewal.expiry.warning", Duration.ofDays(14)));
    }

    private RenewalCampaign require(CustomerScope who, long id) {
        RenewalCampaign campaign = em.find(RenewalCampaign.class, id);
        if (campaign == null || !visible(who, campaign)) {
            throw KagiException.notFound("error.campaign.unknown", id);
        }
        return campaign;
    }

    private RenewalCampaign lock(CustomerScope who, long id) {
        require(who, id);
        return em.find(RenewalCampaign.class, id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** The customer ids an operator may see; null (everything) for a CA admin or an auditor. */
    private Set<Long> scope(CustomerScope who) {
        Set<String> names = Access.caller(who).limitedTo();
        if (names == null) {
            return null;
        }
        if (names.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(em.createQuery("select c.id from Customer c where c.name in :names", Long.class)
                .setParameter("names", names).getResultList());
    }

    private boolean visible(CustomerScope who, RenewalCampaign campaign) {
        Set<Long> scope = scope(who);
        return scope == null || campaign.customerIds().stream().anyMatch(scope::contains);
    }

    private static void requireCaAdmin(CustomerScope who) {
        Access.caAdmin(who);
    }
}
