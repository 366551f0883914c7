package jp.kagi.admin;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import jp.kagi.account.PasswordHasher;
import jp.kagi.audit.AuditLog;
import jp.kagi.customer.CustomerService;
import jp.kagi.platform.Access;
import jp.kagi.platform.Actor;
import jp.kagi.platform.CustomerScope;
import jp.kagi.platform.Inputs;
import jp.kagi.platform.KagiException;

/** Creates back-office users and checks their passwords. */
@Stateless
public class AdminService {

    static final int MIN_PASSWORD = 12;

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private AuditLog audit;

    @Inject
    private CustomerService customers;

    @Inject
    private CredentialCache cache;

    private final SecureRandom random = new SecureRandom();

    public AdminPrincipal create(Actor actor, CustomerScope who, String userId, String password, String role,
                                 List<String> customerNames) {
        return create(actor, who, userId, password, role, customerNames, false);
    }

    /** As above; {@code mustChangePassword} for a password the user did not choose (the generated bootstrap one). */
    public AdminPrincipal create(Actor actor, CustomerScope who, String userId, String password, String role,
                                 List<String> customerNames, boolean mustChangePassword) {
        Access.caAdmin(who);
        String id = Inputs.text("userId", userId, Inputs.MAX_NAME);
        if (!id.matches("[A-Za-z0-9._@-]+")) {
            throw KagiException.invalid("error.adminUserId");
        }
        requireGoodPassword(password);
        AdminRole adminRole = role(role);
        Set<String> scope = scope(adminRole, customerNames);
        if (find(id).isPresent()) {
            throw KagiException.conflict("error.adminExists", id);
        }
        AdminUser user = new AdminUser(id, hasher().hash(password), adminRole, scope, clock.instant(),
                mustChangePassword);
        em.persist(user);
        em.flush();
        audit.record(actor, "admin.create", "admin", id, "role " + adminRole + " customers " + scope);
        return user.principal();
    }

    /** The principal for a correct user ID and password; repeated sign-ins are answered from a short-lived cache. */
    public Optional<AdminPrincipal> authenticate(String userId, String password) {
        if (userId == null || password == null || userId.length() > Inputs.MAX_NAME || password.length() > 256) {
            return Optional.empty();
        }
        Optional<AdminUser> user = find(userId);
        if (user.isEmpty()) {
            hasher().hash(password); // same cost as a wrong password, so timing does not reveal which IDs exist
            return Optional.empty();
        }
        AdminUser found = user.get();
        if (found.isActive() && cache.knows(found.userId(), found.passwordHash(), password)) {
            return Optional.of(found.principal());
        }
        if (!found.passwordMatches(password, hasher())) {
            return Optional.empty();
        }
        cache.remember(found.userId(), found.passwordHash(), password);
        return Optional.of(found.principal());
    }

    /**
     * A back-office sign-in: the principal and the stamp of the password it used, which {@link #current} checks on
     * every later request of that session.
     */
    public Optional<StaffSession> signIn(String userId, String password) {
        return authenticate(userId, password).flatMap(p -> find(p.userId()).map(u -> new StaffSession(p, u.stamp())));
    }

    /**
     * The session's principal as it is now (role and customers re-read), or empty when the user was disabled,
     * removed, or changed the password since the session signed in: that session must end.
     */
    public Optional<StaffSession> current(StaffSession session) {
        if (session == null) {
            return Optional.empty();
        }
        return find(session.principal().userId())
                .filter(u -> u.isActive() && PasswordStamp.matches(session.stamp(), u.passwordHash()))
                .map(u -> new StaffSession(u.principal(), session.stamp()));
    }

    /** Every back-office user, by user ID, for the CA admins' staff screen (never a password hash). */
    public List<StaffView> list(CustomerScope who) {
        Access.caAdmin(who);
        return em.createQuery("select u from AdminUser u order by u.userId", AdminUser.class).getResultList().stream()
                .map(AdminUser::view).toList();
    }

    /** One back-office user as the API shows it (never a password hash), if there is one with this ID. */
    public Optional<StaffView> view(CustomerScope who, String userId) {
        Access.caAdmin(who);
        return userId == null || userId.isBlank() ? Optional.empty() : find(userId.strip()).map(AdminUser::view);
    }

    /**
     * The caller as stored now, not as its session remembers it: an active CA admin, or 403. Static, with the
     * caller's EntityManager, because other beans of this package may not call non-public methods on this EJB.
     */
    static void requireCaAdmin(EntityManager em, AdminPrincipal caller) {
        boolean ok = caller != null && caller.isCaAdmin() && find(em, caller.userId())
                .filter(u -> u.isActive() && u.role() == AdminRole.CA_ADMIN).isPresent();
        if (!ok) {
            throw new KagiException(KagiException.Kind.FORBIDDEN, "error.forbidden");
        }
    }

    static void requireGoodPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD || password.length() > 256) {
            throw KagiException.invalid("error.adminPassword", MIN_PASSWORD);
        }
    }

    static AdminRole role(String role) {
        try {
            return AdminRole.valueOf(role == null ? "" : role.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw KagiException.invalid("error.adminRole");
        }
    }

    private Set<String> scope(AdminRole adminRole, List<String> customerNames) {
        return scope(customers, adminRole, customerNames);
    }

    static Set<String> scope(CustomerService customers, AdminRole adminRole, List<String> customerNames) {
        Set<String> scope = new LinkedHashSet<>();
        for (String name : customerNames == null ? List.<String>of() : customerNames) {
            scope.add(customers.require(name).name());
        }
        if (adminRole == AdminRole.OPERATOR && scope.isEmpty()) {
            throw KagiException.invalid("error.operatorNeedsCustomers");
        }
        return scope;
    }

    public boolean anyExists() {
        return em.createQuery("select count(u) from AdminUser u", Long.class).getSingleResult() > 0;
    }

    private Optional<AdminUser> find(String userId) {
        return find(em, userId);
    }

    static Optional<AdminUser> find(EntityManager em, String userId) {
        return em.createQuery("select u from AdminUser u where u.userId = :id", AdminUser.class)
                .setParameter("id", userId).getResultStream().findFirst();
    }

    private PasswordHasher hasher() {
        return new PasswordHasher(PasswordHasher.DEFAULT_ITERATIONS, random);
    }
}
