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
        Access.caAdmin(who);
        String id = Inputs.text("userId", userId, Inputs.MAX_NAME);
        if (!id.matches("[A-Za-z0-9._@-]+")) {
            throw KagiException.invalid("error.adminUserId");
        }
        if (password == null || password.length() < MIN_PASSWORD || password.length() > 256) {
            throw KagiException.invalid("error.adminPassword", MIN_PASSWORD);
        }
        AdminRole adminRole;
        try {
            adminRole = AdminRole.valueOf(role == null ? "" : role.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw KagiException.invalid("error.adminRole");
        }
        Set<String> scope = new LinkedHashSet<>();
        for (String name : customerNames == null ? List.<String>of() : customerNames) {
            scope.add(customers.require(name).name());
        }
        if (adminRole == AdminRole.OPERATOR && scope.isEmpty()) {
            throw KagiException.invalid("error.operatorNeedsCustomers");
        }
        if (find(id).isPresent()) {
            throw KagiException.conflict("error.adminExists", id);
        }
        AdminUser user = new AdminUser(id, hasher().hash(password), adminRole, scope, clock.instant());
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
        if (cache.knows(found.userId(), found.passwordHash(), password)) {
            return Optional.of(found.principal());
        }
        if (!found.passwordMatches(password, hasher())) {
            return Optional.empty();
        }
        cache.remember(found.userId(), found.passwordHash(), password);
        return Optional.of(found.principal());
    }

    /** Every back-office user, by user ID, for the CA admins' staff screen (never a password hash). */
    public List<AdminPrincipal> list(CustomerScope who) {
        Access.caAdmin(who);
        return em.createQuery("select u from AdminUser u order by u.userId", AdminUser.class).getResultList().stream()
                .map(AdminUser::principal).toList();
    }

    /** One back-office user as the API shows it (never a password hash), if there is one with this ID. */
    public Optional<AdminPrincipal> view(CustomerScope who, String userId) {
        Access.caAdmin(who);
        return userId == null || userId.isBlank() ? Optional.empty() : find(userId.strip()).map(AdminUser::principal);
    }

    public boolean anyExists() {
        return em.createQuery("select count(u) from AdminUser u", Long.class).getSingleResult() > 0;
    }

    Optional<AdminUser> find(String userId) {
        return em.createQuery("select u from AdminUser u where u.userId = :id", AdminUser.class)
                .setParameter("id", userId).getResultStream().findFirst();
    }

    PasswordHasher hasher() {
        return new PasswordHasher(PasswordHasher.DEFAULT_ITERATIONS, random);
    }
}
