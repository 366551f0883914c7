package jp.kagi.kek;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jp.kagi.admin.AdminPrincipal;
import jp.kagi.admin.AdminRole;
import jp.kagi.audit.AuditLog;
import jp.kagi.ca.CertificateAuthority;
import jp.kagi.platform.Actor;
import jp.kagi.platform.KagiException;

/**
 * The CA admin's KEK actions (12/sealing): see the versions and the rotation's progress, introduce a new version
 * (which starts the rotation in the background), retire an old one once nothing is sealed under it. The caller is
 * checked here: CA admins act, auditors may look, operators see nothing.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // keystore file and batches of their own
public class KekService {

    @Inject
    private CertificateAuthority ca;

    @Inject
    private KekRotation rotation;

    @Inject
    private KekTimer timer;

    @Inject
    private AuditLog audit;

    public KekStatus status(AdminPrincipal caller) {
        if (!caller.isCaAdmin() && caller.role() != AdminRole.AUDITOR) {
            throw new KagiException(KagiException.Kind.FORBIDDEN, "error.forbidden");
        }
        return new KekStatus(ca.sealer().currentVersion(), ca.sealer().versions(), rotation.dataKeysPerVersion(),
                rotation.legacyKeys(), timer.lastPass());
    }

    /** A new KEK version seals from now on; the rotation moves everything under it in the background. */
    public int introduceVersion(AdminPrincipal caller, Actor actor) {
        requireCaAdmin(caller);
        int version = ca.addKekVersion();
        audit.record(actor, "kek.version.add", "kek", String.valueOf(version),
                "KEK version " + version + " introduced; rotation started");
        timer.wake();
        return version;
    }

    /** Deletes an old KEK version from the CA keystore; refused while anything is still sealed under it. */
    public void retireVersion(AdminPrincipal caller, Actor actor, int version) {
        requireCaAdmin(caller);
        if (version == ca.sealer().currentVersion() || !ca.sealer().versions().contains(version)) {
            throw KagiException.conflict("error.kekVersionNotRetirable", version);
        }
        long left = rotation.stillSealedUnder(version);
        if (left > 0) {
            throw KagiException.conflict("error.kekVersionInUse", version, left);
        }
        ca.retireKekVersion(version);
        audit.record(actor, "kek.version.retire", "kek", String.valueOf(version),
                "KEK version " + version + " deleted from the CA keystore; nothing was sealed under it");
    }

    private static void requireCaAdmin(AdminPrincipal caller) {
        if (caller == null || !caller.isCaAdmin()) {
            throw new KagiException(KagiException.Kind.FORBIDDEN, "error.forbidden");
        }
    }
}
