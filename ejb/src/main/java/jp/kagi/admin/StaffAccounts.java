package jp.kagi.admin;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.security.SecureRandom;
import jp.kagi.account.PasswordHasher;
import jp.kagi.audit.AuditLog;
import jp.kagi.customer.CustomerService;
import jp.kagi.platform.Actor;
import jp.kagi.platform.KagiException;

/**
 * The life of a back-office user after it was created: a CA admin changes its role, customers or whether it may
 * sign in, and passwords change (one's own with the current one; a CA admin's reset, which its owner must replace
 * at the next sign-in). Sessions notice either at their next request ({@link AdminService#current}).
 */
@Stateless
public class StaffAccounts {

    @PersistenceContext
    private EntityManager em;

    @Inject
    private CustomerService customers;

    private final SecureRandom random = new SecureRandom();

    @Inject
    private AuditLog audit;

    /** CA admins only; at least one active CA admin always remains. */
    public StaffView update(AdminPrincipal caller, Actor actor, String userId, StaffChange change) {
        AdminService.requireCaAdmin(em, caller);
        if (change == null) {
            throw KagiException.invalid("error.required", "body");
        }
        long caAdmins = activeCaAdmins(); // locked first, in id order, so that concurrent changes cannot deadlock
        AdminUser user = require(userId);
        AdminRole role = change.role() == null ? user.role() : AdminService.role(change.role());
        Set<String> scope = change.customers() == null && role == user.role() ? user.customers()
                : AdminService.scope(customers, role, change.customers() == null ? List.copyOf(user.customers()) : change.customers());
        boolean active = change.active() == null ? user.isActive() : change.active();
        boolean wasCaAdmin = user.isActive() && user.role() == AdminRole.CA_ADMIN;
        if (wasCaAdmin && (!active || role != AdminRole.CA_ADMIN) && caAdmins <= 1) {
            throw KagiException.conflict("error.lastCaAdmin", user.userId());
        }
        String before = describe(user.role(), user.customers(), user.isActive());
        user.change(role, scope, active);
        em.flush();
        audit.record(actor, "admin.update", "admin", user.userId(), before + " -> " + describe(role, scope, active));
        return user.view();
    }

    /**
     * Users change their own password with the current one; a CA admin resets another user's, which that user
     * must change at the next sign-in. Either way every other session and cached credential of the user ends.
     * Returns the new session stamp, for the caller's own session when it changed its own password.
     */
    public String changePassword(AdminPrincipal caller, Actor actor, String userId, PasswordChange change) {
        if (caller == null || change == null) {
            throw KagiException.invalid("error.required", "body");
        }
        boolean own = userId != null && userId.strip().equals(caller.userId());
        if (!own) {
            AdminService.requireCaAdmin(em, caller); // before the look-up: no one else learns which user IDs exist
        }
        AdminUser user = require(userId);
        AdminService.requireGoodPassword(change.password());
        var hasher = new PasswordHasher(PasswordHasher.DEFAULT_ITERATIONS, random);
        if (own) {
            if (change.currentPassword() == null || !user.isActive()
                    || !hasher.verify(change.currentPassword(), user.passwordHash())) {
                throw KagiException.invalid("error.currentPassword");
            }
            if (change.currentPassword().equals(change.password())) {
                throw KagiException.invalid("error.passwordUnchanged");
            }
        }
        user.assignPassword(hasher.hash(change.password()), !own);
        em.flush();
        audit.record(actor, own ? "admin.passwordChange" : "admin.passwordReset", "admin", user.userId(),
                own ? "own password changed; other sessions end" : "password reset; must be changed at next sign-in");
        return user.stamp();
    }

    private AdminUser require(String userId) {
        if (userId == null || userId.isBlank()) {
            throw KagiException.invalid("error.required", "userId");
        }
        AdminUser user = AdminService.find(em, userId.strip())
                .orElseThrow(() -> KagiException.notFound("error.adminUnknown", userId.strip()));
        em.lock(user, LockModeType.PESSIMISTIC_WRITE);
        return user;
    }

    /** Counted under row locks, so that two CA admins demoting each other at once cannot leave none. */
    private long activeCaAdmins() {
        return em.createQuery("select u from AdminUser u where u.active = true and u.role = :role order by u.id",
                        AdminUser.class).setParameter("role", AdminRole.CA_ADMIN)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList().size();
    }

    private static String describe(AdminRole role, Set<String> customers, boolean active) {
        return "role " + role + " customers " + new TreeSet<>(customers) + (active ? " active" : " disabled");
    }
}
