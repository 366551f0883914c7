package jp.kagi.it;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import jp.kagi.account.AccountEdit;
import jp.kagi.account.AccountEditService;
import jp.kagi.account.AccountService;
import jp.kagi.account.NewAccount;
import jp.kagi.admin.AdminPrincipal;
import jp.kagi.admin.AdminService;
import jp.kagi.admin.PasswordChange;
import jp.kagi.admin.StaffAccounts;
import jp.kagi.admin.StaffChange;
import jp.kagi.audit.AuditFilter;
import jp.kagi.audit.AuditLog;
import jp.kagi.audit.AuditQuery;
import jp.kagi.audit.AuditVerifier;
import jp.kagi.bulk.ImportService;
import jp.kagi.ca.CertificateAuthority;
import jp.kagi.customer.CustomerEdit;
import jp.kagi.customer.CustomerEditService;
import jp.kagi.customer.CustomerService;
import jp.kagi.customer.PolicyChange;
import jp.kagi.dashboard.CertificateStatistics;
import jp.kagi.issuance.CertificateQuery;
import jp.kagi.issuance.CertificateSearch;
import jp.kagi.issuance.IssuanceService;
import jp.kagi.issuance.MailResendService;
import jp.kagi.kek.KekService;
import jp.kagi.kit.AspKits;
import jp.kagi.mail.MailDelivery;
import jp.kagi.mail.Outbox;
import jp.kagi.platform.Actor;
import jp.kagi.platform.CustomerScope;
import jp.kagi.platform.PageRequest;
import jp.kagi.renewal.CampaignRequest;
import jp.kagi.renewal.DueRenewals;
import jp.kagi.renewal.RenewalCampaigns;
import jp.kagi.revocation.RevocationService;

/**
 * One line per public EJB business method: a probe that aims it at customer B's objects, or (in {@link #UNCHECKED})
 * why it needs no caller. {@link AuthzIT} fails on a method listed in neither, so a new method cannot ship unprobed.
 */
@Dependent
public class ServiceProbes {

    /** What operator A and the auditor may get (see {@link AuthzIT#serviceMethodsCheckTheirCaller}). */
    enum Kind {
        /** A read: operator A gets 404/403 or an answer naming nothing of B; Kagi itself (the control) sees B. */
        SEES,
        /** A read operators may not make at all: 404/403. */
        REFUSED,
        /** A change: operator A 404/403, the auditor 403. */
        CHANGE,
        /** A change of the caller's own objects (an import job): operator A reaches nothing of B, the auditor 403. */
        OWN_CHANGE,
        /** CA admins only: operator A and the auditor 403 (or 404). */
        CA_ADMIN
    }

    record Probe(Kind kind, List<Function<CustomerScope, Object>> calls) {
    }

    /** Customer B's objects that every probe aims at; their names are the markers a leak would show. */
    record Target(String customer, String userId, String email, String serial, long campaign, String campaignName,
                  long job, long mail, String suffix) {

        List<String> markers() {
            return List.of(customer, userId, email, serial, campaignName);
        }
    }

    static final Actor ACTOR = new Actor("authz-it", "127.0.0.1");

    /** Public business methods that take no caller, each with the reason. */
    static final Map<String, String> UNCHECKED = new LinkedHashMap<>();

    static {
        unchecked("sign-in: the caller is not known yet; only the user's own credentials are checked",
                "AccountService.authenticate", "AdminService.authenticate", "AdminService.signIn",
                "AdminService.current", "StaffSignIn.withPassword", "StaffSignIn.withToken", "ApiTokens.authenticate");
        unchecked("the caller's own API tokens (a CA admin's: anyone's); no customer data, and an auditor may hold tokens"
                        + " to read; ApiTokenIT proves another user's token is 404",
                "ApiTokens.create", "ApiTokens.list", "ApiTokens.revoke");
        unchecked("portal: the end user's own objects, by the user ID of the portal session (retrieval re-reads the"
                        + " account and customer state on every call, see AuthzIT.portalSessionOfDisabledAccountCannotRetrieve)",
                "CertificateQuery.forAccount", "RetrievalService.prepare", "RetrievalService.recordDownload");
        unchecked("internal: called only by other services after they checked their caller; no screen or resource"
                        + " calls it",
                "AccountService.find", "AccountService.require", "AccountService.credentialForMail",
                "AccountService.passwordMatches", "AccountService.passwords", "CustomerService.find",
                "CustomerService.require", "AuditLog.record", "AuditLog.recordAll", "AuditLog.recordRefusal", "Outbox.enqueue",
                "Outbox.byCertificate", "IssuanceMails.deadline", "IssuanceMails.enqueue", "IssuanceMails.notice",
                "IssuanceMails.registration", "IssuanceMails.renewalSample", "IssuanceTransaction.issue",
                "IssuanceTransaction.issueRenewal", "IssuanceTransaction.keyTypeFor",
                "IssuanceTransaction.keyTypeForReissue", "IssuanceTransaction.reissue", "RenewalUsers.isRenewalUser",
                "RenewalUsers.mailOf", "RenewalUsers.registrationMail", "CampaignPlanner.plan",
                "CampaignPlanner.preview", "CampaignCancel.cancelRows", "CampaignCancel.moveDeadlines",
                "CampaignFigures.counts", "CampaignFigures.rows", "CampaignFigures.countRows",
                "CampaignFigures.retrievalsPerDay", "DueRenewals.dueAccountIds", "ReminderBatch.send",
                "ReminderBatch.sendAll", "RenewalMails.remind", "RenewalMails.expiryWarning", "CampaignTimers.schedule",
                "CampaignTimers.unschedule", "CampaignTimers.remind", "AspRefusals.refused", "CrlStore.copyDer",
                "CrlStore.latest", "CrlStore.save", "CrlStore.streamRevoked", "CrlStore.takeNumber");
        unchecked("CA key and profile operations for the services; no customer data",
                "CertificateAuthority.accountPasswordKey", "CertificateAuthority.chain", "CertificateAuthority.crlSigner",
                "CertificateAuthority.freshestCrlUrl", "CertificateAuthority.isReady",
                "CertificateAuthority.issueResponder", "CertificateAuthority.issuer",
                "CertificateAuthority.issuingCertificate", "CertificateAuthority.lockIssuer",
                "CertificateAuthority.nextSerial", "CertificateAuthority.profile",
                "CertificateAuthority.responderCredential", "CertificateAuthority.rootCertificate",
                "CertificateAuthority.sealer", "CertificateAuthority.signClient", "CertificateAuthority.unavailableReason",
                "CertificateAuthority.addKekVersion", "CertificateAuthority.retireKekVersion",
                "CertificateAuthority.issuingKeySigns");
        unchecked("health facts for the management interface's /health checks (module health): up or down, timings,"
                        + " the SMTP server's address; no customer data",
                "KagiHealth.application", "KagiHealth.database", "KagiHealth.caKey", "KagiHealth.smtp");
        unchecked("timers, observers and background work (the system principal): ids from the work queue or an event,"
                        + " never from a user",
                "ImportQueue.next", "ImportQueue.finishDone", "ImportRowSteps.openAccount", "ImportRowSteps.issue",
                "ImportRowSteps.keyTypeFor", "ImportRowSteps.fail", "ImportRowSteps.retryLater", "ImportRowWorker.process",
                "CampaignSteps.next", "CampaignSteps.prepare", "CampaignSteps.renew", "CampaignSteps.fail",
                "CampaignSteps.retryLater", "CampaignSteps.finishIssued", "CompletionSteps.closeRows",
                "CompletionSteps.finish", "ExpiryWarnings.warnDue", "LockSweep.lockDue", "MailDelivery.due",
                "MailDelivery.deliver", "OcspResponder.renewIfDue", "CrlPublisher.signDue", "CrlPublisher.afterRevocation",
                "CrlPublisher.use", "CrlPublisher.sign", "AdminService.anyExists", "AspTrustSync.onCrlPublished",
                "CrlRefresh.revoked", "AuditCheckpoints.checkpoint", "KekRotation.dataKeysPerVersion",
                "KekRotation.legacyKeys", "KekRotation.resealMailBodies", "KekRotation.resealPendingPasswords",
                "KekRotation.rewrapDataKeys", "KekRotation.sealLegacyKeys", "KekRotation.stillSealedUnder",
                "KekTimer.lastPass", "KekTimer.runPass", "KekTimer.wake", "EmailChangeGuard.voidPendingKeys");
        unchecked("public by protocol: what the CA tells anyone (OCSP, CRLs, the self-test page) or counts without"
                        + " customer data",
                "OcspResponder.respond", "OcspResponder.answerFor", "OcspResponder.validity", "OcspResponder.renewBefore",
                "OcspResponder.responderExpiry", "OcspResponder.responderCertificate", "OcspResponder.answered",
                "OcspResponder.answeredPerMinute", "CrlPublisher.current", "CrlPublisher.latest", "CrlPublisher.entry",
                "CrlPublisher.schedule", "CrlPublisher.validity", "SelfTests.examine", "AspRefusals.counts",
                "AspRefusals.total");
    }

    @Inject
    AccountService accounts;
    @Inject
    AccountEditService accountEdits;
    @Inject
    AdminService admins;
    @Inject
    AuditLog auditLog;
    @Inject
    AuditQuery audit;
    @Inject
    ImportService imports;
    @Inject
    CustomerService customers;
    @Inject
    CustomerEditService customerEdits;
    @Inject
    CertificateStatistics statistics;
    @Inject
    CertificateQuery certificates;
    @Inject
    IssuanceService issuance;
    @Inject
    MailResendService resend;
    @Inject
    AspKits kits;
    @Inject
    MailDelivery delivery;
    @Inject
    Outbox outbox;
    @Inject
    DueRenewals due;
    @Inject
    RenewalCampaigns campaigns;
    @Inject
    RevocationService revocation;
    @Inject
    AuditVerifier verifier;
    @Inject
    CertificateAuthority ca;
    @Inject
    KekService kek;
    @Inject
    StaffAccounts staff;

    /** Every probe, aimed at {@code t}. Add one line here for a new service method. */
    Map<String, Probe> probes(Target t) {
        Map<String, Probe> p = new LinkedHashMap<>();
        String b = t.customer();
        String fresh = "authz-new-" + t.suffix();
        byte[] csv = ("customer,email,displayName,language\r\n" + b + "," + fresh + "@example.jp,New,ja\r\n")
                .getBytes(StandardCharsets.UTF_8);
        PageRequest page = new PageRequest(0, 50);
        AuditFilter aboutB = AuditFilter.of(null, null, null, b, null, null, null);
        CertificateSearch ofB = new CertificateSearch(b, null, null, null, null, null);
        CampaignRequest campaign = new CampaignRequest("Authz other " + t.suffix(), List.of(b), null, null,
                LocalDate.now(ZoneOffset.UTC).plusDays(40).toString(), List.of("P1D"), null, null, null, null, null, null);

        add(p, "AccountService.create", Kind.CHANGE, w -> accounts.create(ACTOR, w, new NewAccount(b, fresh + "@example.jp", "X", "ja")));
        add(p, "AccountService.setEnabled", Kind.CHANGE, w -> accounts.setEnabled(ACTOR, w, t.userId(), false));
        add(p, "AccountService.view", Kind.SEES, w -> accounts.view(w, t.userId()));
        add(p, "AccountService.list", Kind.SEES, w -> accounts.list(w, b), w -> accounts.list(w, b, page));
        add(p, "AccountEditService.edit", Kind.CHANGE, w -> accountEdits.edit(ACTOR, w, t.userId(), new AccountEdit(fresh + "@example.jp", null, null)));
        add(p, "AccountEditService.resetPassword", Kind.CHANGE, w -> accountEdits.resetPassword(ACTOR, w, t.userId()));
        add(p, "AdminService.create", Kind.CA_ADMIN, w -> admins.create(ACTOR, w, fresh, "authz-password-1", "OPERATOR", List.of(b)));
        add(p, "AdminService.list", Kind.CA_ADMIN, w -> admins.list(w));
        add(p, "AdminService.view", Kind.CA_ADMIN, w -> admins.view(w, "admin"));
        add(p, "AuditLog.forObject", Kind.SEES, w -> auditLog.forObject(w, "customer", b));
        add(p, "AuditQuery.list", Kind.SEES, w -> audit.list(w, aboutB, page));
        add(p, "AuditQuery.chunk", Kind.SEES, w -> audit.chunk(w, aboutB, null, 50));
        add(p, "AuditQuery.count", Kind.REFUSED, w -> audit.count(w, aboutB));
        add(p, "AuditQuery.exportStarted", Kind.REFUSED, w -> {
            audit.exportStarted(ACTOR, w, aboutB);
            return null;
        });
        add(p, "ImportService.check", Kind.OWN_CHANGE, w -> imports.check(w, csv).valid() > 0 ? b : "nothing valid");
        add(p, "ImportService.start", Kind.OWN_CHANGE, w -> imports.start(ACTOR, w, "authz.csv", csv, false).valid() > 0 ? b : "nothing valid");
        add(p, "ImportService.job", Kind.SEES, w -> imports.job(w, t.job()).map(j -> b));
        add(p, "ImportService.recent", Kind.SEES, w -> imports.recent(w, 50).stream().anyMatch(j -> j.id() == t.job()) ? b : "");
        add(p, "ImportService.rows", Kind.REFUSED, w -> imports.rows(w, t.job(), null, 0, 10));
        add(p, "ImportService.rowCount", Kind.REFUSED, w -> imports.rowCount(w, t.job(), null));
        add(p, "ImportService.cancel", Kind.CHANGE, w -> imports.cancel(ACTOR, w, t.job()));
        add(p, "CustomerService.create", Kind.CA_ADMIN, w -> customers.create(ACTOR, w, fresh, "ca@example.jp"));
        add(p, "CustomerService.setActive", Kind.CA_ADMIN, w -> customers.setActive(ACTOR, w, b, false));
        add(p, "CustomerService.changePolicy", Kind.CA_ADMIN, w -> customers.changePolicy(ACTOR, w, b,
                new PolicyChange("P1D", null, null, null, null, null, null, null)));
        add(p, "CustomerService.view", Kind.SEES, w -> customers.view(w, b));
        add(p, "CustomerService.list", Kind.SEES, w -> customers.list(w));
        add(p, "CustomerEditService.edit", Kind.CA_ADMIN, w -> customerEdits.edit(ACTOR, w, b,
                new CustomerEdit(null, null, "Changed", null, null, null, null, null), null));
        add(p, "CertificateStatistics.figures", Kind.SEES, w -> statistics.figures(w));
        add(p, "CertificateQuery.list", Kind.SEES, w -> certificates.list(w, ofB, 0, 10),
                w -> certificates.list(w, CertificateSearch.ANY, 0, 10));
        add(p, "CertificateQuery.count", Kind.SEES, w -> certificates.count(w, ofB) > 0 ? b : "none");
        add(p, "CertificateQuery.newestPerAccount", Kind.SEES, w -> certificates.newestPerAccount(w, b));
        add(p, "CertificateQuery.der", Kind.SEES, w -> certificates.der(w, t.serial()).map(der -> b));
        add(p, "CertificateQuery.bySerial", Kind.SEES, w -> certificates.bySerial(w, t.serial()));
        add(p, "IssuanceService.issue", Kind.CHANGE, w -> issuance.issue(ACTOR, w, t.userId()));
        add(p, "IssuanceService.reissue", Kind.CHANGE, w -> issuance.reissue(ACTOR, w, t.serial()));
        add(p, "MailResendService.resend", Kind.CHANGE, w -> resend.resend(ACTOR, w, t.serial(), "notice"));
        add(p, "RevocationService.revoke", Kind.CHANGE, w -> {
            revocation.revoke(ACTOR, w, t.serial(), "keyCompromise");
            return null;
        });
        add(p, "AspKits.download", Kind.SEES, w -> kits.download(ACTOR, w, b).files().isEmpty() ? "" : b);
        add(p, "MailDelivery.retry", Kind.CA_ADMIN, w -> delivery.retry(ACTOR, w, t.mail()));
        add(p, "Outbox.byRecipient", Kind.SEES, w -> outbox.byRecipient(w, t.email(), 0, 10));
        add(p, "DueRenewals.counts", Kind.SEES, w -> due.counts(w, b, Duration.ofDays(3650)));
        add(p, "DueRenewals.accounts", Kind.SEES, w -> due.accounts(w, b, Duration.ofDays(3650), page));
        add(p, "RenewalCampaigns.preview", Kind.CA_ADMIN, w -> campaigns.preview(w, campaign));
        add(p, "RenewalCampaigns.create", Kind.CA_ADMIN, w -> campaigns.create(ACTOR, w, campaign));
        add(p, "RenewalCampaigns.launch", Kind.CA_ADMIN, w -> campaigns.launch(ACTOR, w, t.campaign()));
        add(p, "RenewalCampaigns.extend", Kind.CA_ADMIN, w -> campaigns.extend(ACTOR, w, t.campaign(),
                LocalDate.now(ZoneOffset.UTC).plusDays(50).toString()));
        add(p, "RenewalCampaigns.cancel", Kind.CA_ADMIN, w -> campaigns.cancel(ACTOR, w, t.campaign()));
        add(p, "RenewalCampaigns.remind", Kind.CHANGE, w -> campaigns.remind(ACTOR, w, t.campaign(), null));
        add(p, "RenewalCampaigns.view", Kind.SEES, w -> campaigns.view(w, t.campaign()));
        add(p, "RenewalCampaigns.list", Kind.SEES, w -> campaigns.list(w, 100));
        add(p, "RenewalCampaigns.rows", Kind.SEES, w -> campaigns.rows(w, t.campaign(), null, page));
        add(p, "RenewalCampaigns.countRows", Kind.REFUSED, w -> campaigns.countRows(w, t.campaign(), null));
        add(p, "RenewalCampaigns.retrievalsPerDay", Kind.REFUSED, w -> campaigns.retrievalsPerDay(w, t.campaign()));
        add(p, "AuditVerifier.verify", Kind.REFUSED, w -> verifier.verify(w));
        add(p, "CertificateQuery.exportStarted", Kind.SEES,
                w -> certificates.exportStarted(ACTOR, w, ofB) > 0 ? b : "none");
        add(p, "CertificateAuthority.rootKeyOnline", Kind.CA_ADMIN, w -> ca.rootKeyOnline(w));
        add(p, "CertificateAuthority.takeRootKeyOffline", Kind.CA_ADMIN,
                w -> ca.takeRootKeyOffline(w, "authz-export-password".toCharArray()));
        add(p, "KekService.status", Kind.REFUSED, w -> kek.status((AdminPrincipal) w));
        add(p, "KekService.introduceVersion", Kind.CA_ADMIN, w -> kek.introduceVersion((AdminPrincipal) w, ACTOR));
        add(p, "KekService.retireVersion", Kind.CA_ADMIN, w -> {
            kek.retireVersion((AdminPrincipal) w, ACTOR, 1);
            return null;
        });
        // harmless if it ever went through (admin stays an active CA admin), but it must be refused
        add(p, "StaffAccounts.update", Kind.CA_ADMIN,
                w -> staff.update((AdminPrincipal) w, ACTOR, "admin", new StaffChange(null, null, true)));
        add(p, "StaffAccounts.changePassword", Kind.CA_ADMIN, w -> staff.changePassword((AdminPrincipal) w, ACTOR,
                "authz-nobody-" + t.suffix(), new PasswordChange(null, "authz-new-password-1")));
        return p;
    }

    @SafeVarargs
    private static void add(Map<String, Probe> probes, String method, Kind kind, Function<CustomerScope, Object>... calls) {
        if (probes.put(method, new Probe(kind, List.of(calls))) != null) {
            throw new IllegalStateException("two probes for " + method);
        }
    }

    private static void unchecked(String reason, String... methods) {
        for (String m : methods) {
            if (UNCHECKED.put(m, reason) != null) {
                throw new IllegalStateException("listed twice: " + m);
            }
        }
    }
}
