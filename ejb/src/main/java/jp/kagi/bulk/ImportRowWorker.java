package jp.kagi.bulk;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.logging.Level;
import java.util.logging.Logger;
import jp.kagi.ca.KeyType;
import jp.kagi.platform.KagiException;

/**
 * Works one import row through its steps. No transaction of its own: each step commits by itself, and the key pair
 * is made between them, outside every transaction and lock, as a single issuance does.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ImportRowWorker {

    private static final Logger LOG = Logger.getLogger(ImportRowWorker.class.getName());

    @Inject
    private ImportRowSteps steps;

    private final SecureRandom random = new SecureRandom();

    public void process(long rowId) {
        try {
            String userId = steps.openAccount(rowId);
            if (userId != null) {
                KeyType keyType = steps.keyTypeFor(userId);
                KeyPair keys = keyType.generate(random);
                steps.issue(rowId, keyType, keys);
            }
        } catch (KagiException e) {
            steps.fail(rowId, e.messageKey(), e.arguments()); // the row's own problem: report it, go on with others
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Import row " + rowId + " hit an unexpected error; it will be tried again", e);
            try {
                steps.retryLater(rowId);
            } catch (RuntimeException again) {
                LOG.log(Level.WARNING, "Could not record the failure of import row " + rowId, again);
            }
        }
    }
}
