package jp.kagi.admin;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.List;
import java.util.logging.Logger;
import jp.kagi.platform.Actor;
import jp.kagi.platform.CustomerScope;
import jp.kagi.platform.Settings;

/**
 * Creates the first CA admin when there is none: KAGI_ADMIN_USER (default "admin") with KAGI_ADMIN_PASSWORD, or,
 * when that is unset, a random password printed once to the server log (SPEC.md).
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
public class AdminBootstrap {

    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class.getName());

    @Inject
    private AdminService admins;

    @Inject
    private Settings settings;

    /**
     * Not in a transaction of its own: cluster nodes starting at once on an empty database may both try to create the
     * admin; the loser's insert fails on the unique user id in create()'s own transaction, and it goes on when the
     * admin now exists.
     */
    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void bootstrap() {
        if (admins.anyExists()) {
            return;
        }
        String user = settings.get("kagi.admin.user", "admin");
        var configured = settings.find("kagi.admin.password");
        BootstrapPassword chosen = BootstrapPassword.choose(configured, new SecureRandom());
        String password = chosen.password();
        // A generated password has been in a log file: its owner must replace it before doing anything else.
        try {
            admins.create(Actor.SYSTEM, CustomerScope.SYSTEM, user, password, AdminRole.CA_ADMIN.name(), List.of(),
                    chosen.mustChange());
        } catch (RuntimeException e) {
            if (admins.anyExists()) {
                LOG.info(() -> "Bootstrap CA admin created by another node meanwhile");
                return;
            }
            throw e;
        }
        if (configured.isPresent()) {
            LOG.info(() -> "Created bootstrap CA admin '" + user + "' with the password from KAGI_ADMIN_PASSWORD");
        } else {
            // Printed once, by design (SPEC.md): the only way an operator learns a generated bootstrap password.
            LOG.warning("Created bootstrap CA admin '" + user + "' with generated password: " + password
                    + "  (shown only now, must be changed at first sign-in; set KAGI_ADMIN_PASSWORD to choose it)");
        }
    }
}
