package jp.kagi.renewal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import jp.kagi.platform.KagiException;
import jp.kagi.platform.WorkQueue;

/**
 * A launching campaign's rows as background work: each row is checked, then its key pair is made outside every
 * transaction and lock, then it is issued in a transaction of its own (as a single issuance does).
 */
@ApplicationScoped
public class CampaignWork implements WorkQueue {

    private static final Logger LOG = Logger.getLogger(CampaignWork.class.getName());

    @Inject
    CampaignSteps steps;

    private final SecureRandom random = new SecureRandom();

    @Override
    public List<Long> next(int max) {
        return steps.next(max);
    }

    @Override
    public void work(long rowId) {
        try {
            CampaignSteps.Prepared prepared = steps.prepare(rowId);
            if (prepared != null) {
                KeyPair keys = prepared.keyType().generate(random);
                steps.renew(rowId, prepared.keyType(), keys);
            }
        } catch (KagiException e) {
            steps.fail(rowId, e.messageKey(), e.arguments()); // the row's own problem: report it, go on with others
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Campaign row " + rowId + " hit an unexpected error; it will be tried again", e);
            try {
                steps.retryLater(rowId);
            } catch (RuntimeException again) {
                LOG.log(Level.WARNING, "Could not record the failure of campaign row " + rowId, again);
            }
        }
    }

    @Override
    public void finishDone() {
        steps.finishIssued();
    }
}
