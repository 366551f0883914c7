package jp.kagi.bulk;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.security.KeyPair;
import java.time.Clock;
import java.util.List;
import jp.kagi.account.AccountService;
import jp.kagi.account.AccountView;
import jp.kagi.account.NewAccount;
import jp.kagi.ca.KeyType;
import jp.kagi.issuance.IssuanceTransaction;
import jp.kagi.issuance.IssuedCertificate;
import jp.kagi.platform.CustomerScope;

/**
 * The transactions of one import row, each its own: the row's new state is committed together with the account or
 * certificate it records, so a restart between two steps neither repeats nor loses one.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class ImportRowSteps {

    @PersistenceContext
    private EntityManager em;

    @Inject
    private AccountService accounts;

    @Inject
    private IssuanceTransaction issuance;

    @Inject
    private Clock clock;

    /** Opens the row's account; a job that does not issue is then done with the row. Null if nothing is left to do. */
    public String openAccount(long rowId) {
        ImportRow row = em.find(ImportRow.class, rowId, LockModeType.PESSIMISTIC_WRITE);
        if (row == null || row.status() != ImportRowStatus.PENDING) {
            return row == null || row.status() != ImportRowStatus.ACCOUNT_OPENED ? null : row.userId();
        }
        ImportJob job = em.find(ImportJob.class, row.jobId());
        // the job's creator was checked for every row's customer when the job was stored (ImportService.start)
        AccountView account = accounts.create(job.actor(), CustomerScope.SYSTEM,
                new NewAccount(row.customer(), row.email(), row.displayName(), row.language()));
        row.accountOpened(account.userId(), clock.instant());
        if (job.issuesCertificates()) {
            return account.userId();
        }
        row.done(null, null, clock.instant());
        return null;
    }

    /** Issues the row's certificate with a key made beforehand, outside any transaction (see IssuanceService). */
    public void issue(long rowId, KeyType keyType, KeyPair keys) {
        ImportRow row = em.find(ImportRow.class, rowId, LockModeType.PESSIMISTIC_WRITE);
        if (row == null || row.status() != ImportRowStatus.ACCOUNT_OPENED) {
            return;
        }
        ImportJob job = em.find(ImportJob.class, row.jobId());
        IssuedCertificate issued = issuance.issue(job.actor(), row.userId(), keyType, keys);
        row.done(issued.cn(), issued.serial(), clock.instant());
    }

    public KeyType keyTypeFor(String userId) {
        return issuance.keyTypeFor(userId);
    }

    /** Records why the row failed; the account, if it was opened, stays (the row says so). */
    public void fail(long rowId, String messageKey, List<Object> arguments) {
        ImportRow row = em.find(ImportRow.class, rowId);
        if (row != null && ImportRowStatus.OPEN.contains(row.status())) {
            row.fail(messageKey, arguments, clock.instant());
        }
    }

    /** Counts an unexpected failure; the third one gives up on the row. */
    public void retryLater(long rowId) {
        ImportRow row = em.find(ImportRow.class, rowId);
        if (row != null && ImportRowStatus.OPEN.contains(row.status()) && !row.retryLater(clock.instant())) {
            row.fail("error.internal", List.of(), clock.instant());
        }
    }
}
