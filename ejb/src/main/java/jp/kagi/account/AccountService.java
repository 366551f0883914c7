package jp.kagi.account;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import jp.kagi.audit.AuditLog;
import jp.kagi.ca.CertificateAuthority;
import jp.kagi.customer.Customer;
import jp.kagi.customer.CustomerService;
import jp.kagi.platform.Actor;
import jp.kagi.platform.CustomerScope;
import jp.kagi.platform.Inputs;
import jp.kagi.platform.KagiException;
import jp.kagi.platform.PageRequest;
import jp.kagi.platform.RandomCodes;
import jp.kagi.platform.Settings;

/**
 * Opens accounts and hands out their passwords. A new password is hashed at once and kept sealed until the
 * registration mail that carries it is written ({@link #credentialForMail}); no API ever returns it.
 */
@Stateless
public class AccountService {

    /** The largest page {@link #list(CustomerScope, String, PageRequest)} answers, as for the certificate list. */
    public static final int MAX_PAGE_SIZE = 500;

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private CustomerService customers;

    @Inject
    private CertificateAuthority ca;

    @Inject
    private AuditLog audit;

    @Inject
    private Settings settings;

    @Inject
    private AttemptThrottle throttle;

    private final SecureRandom random = new SecureRandom();

    public AccountView create(Actor actor, NewAccount request) {
        if (request == null) {
            throw KagiException.invalid("error.required", "body");
        }
        String email = Inputs.email("email", request.email());
        String displayName = Inputs.text("displayName", request.displayName(), Inputs.MAX_DISPLAY_NAME);
        String language = Inputs.language("language", request.language());
        Customer customer = customers.require(request.customer());
        if (!customer.isActive()) {
            throw KagiException.invalid("error.customerInactive", customer.name());
        }
        long twins = em.createNamedQuery("Account.countByEmail", Long.class).setParameter("customer", customer)
                .setParameter("emailKey", Account.emailKey(email)).getSingleResult();
        if (twins > 0) {
            throw KagiException.conflict("error.accountExists", email, customer.name());
        }
        Account account = new Account(freeUserId(), customer, email, displayName, language, clock.instant());
        account.assignPassword(RandomCodes.password(random), hasher(), ca.sealer());
        em.persist(account);
        em.flush();
        audit.record(actor, "account.create", "account", account.userId(), "customer " + customer.name());
        return account.view();
    }

    /**
     * Signs an end user in with user ID and password, both compared exactly (case matters, no trimming: the seed
     * manual tells users so). Failures are throttled; the answer never says which of the two was wrong.
     */
    public PortalUser authenticate(String userId, String password, String address) {
        if (userId == null || password == null || userId.isEmpty() || password.isEmpty()
                || userId.length() > 64 || password.length() > 256) {
            throw KagiException.invalid("error.loginFailed");
        }
        java.time.Duration wait = throttle.waitBefore(userId, address);
        if (!wait.isZero()) {
            throw KagiException.invalid("error.tooManyAttempts", Math.max(1, wait.toSeconds()));
        }
        Optional<Account> account = em.createNamedQuery("Account.byUserId", Account.class)
                .setParameter("userId", userId).getResultStream().findFirst();
        boolean ok = account.isPresent() && account.get().isActive() && account.get().passwordMatches(password, hasher());
        if (!ok) {
            if (account.isEmpty()) {
                hasher().hash(password); // same cost as a wrong password: timing does not reveal which IDs exist
            }
            throttle.failed(userId, address);
            audit.recordRefusal(new Actor(userId, address), "portal.loginFailed", "account", userId, null);
            throw KagiException.invalid("error.loginFailed");
        }
        throttle.succeeded(userId, address);
        Account a = account.get();
        audit.record(new Actor(userId, address), "portal.login", "account", userId, null);
        return new PortalUser(a.userId(), a.displayName(), a.language(), a.customer().name());
    }

    /** Disables or re-enables an account; its issued certificates stay valid (revoke them to end them). */
    public AccountView setEnabled(Actor actor, String userId, boolean enabled) {
        Account account = require(userId);
        account.setStatus(enabled ? AccountStatus.ACTIVE : AccountStatus.DISABLED);
        audit.record(actor, enabled ? "account.enable" : "account.disable", "account", account.userId(), null);
        return account.view();
    }

    public Optional<Account> find(String userId) {
        if (userId == null || userId.isBlank()) {
            return Optional.empty();
        }
        return em.createNamedQuery("Account.byUserId", Account.class).setParameter("userId", userId.strip())
                .getResultStream().findFirst();
    }

    public Account require(String userId) {
        if (userId == null || userId.isBlank()) {
            throw KagiException.invalid("error.required", "userId");
        }
        return find(userId).orElseThrow(() -> KagiException.notFound("error.accountUnknown", userId.strip()));
    }

    public Optional<AccountView> view(String userId) {
        return find(userId).map(Account::view);
    }

    public List<AccountView> list(String customer) {
        return em.createQuery("select a from Account a join fetch a.customer where a.customer.name = :customer order by a.userId",
                Account.class).setParameter("customer", customer).getResultList().stream().map(Account::view).toList();
    }

    /**
     * A page of one customer's accounts, by user ID, paged by the database. CA admins and auditors read every
     * customer, an operator only its own: another customer is "unknown" (404), exactly like one that does not
     * exist, so names cannot be probed. A missing customer is refused (400).
     */
    public List<AccountView> list(CustomerScope who, String customer, PageRequest page) {
        if (customer == null || customer.isBlank()) {
            throw KagiException.invalid("error.required", "customer");
        }
        String name = customer.strip();
        if (!who.maySee(name)) {
            throw KagiException.notFound("error.customerUnknown", name);
        }
        Customer found = customers.require(name);
        return em.createNamedQuery("Account.byCustomer", Account.class).setParameter("customer", found)
                .setFirstResult(page.offset()).setMaxResults(page.size()).getResultStream().map(Account::view).toList();
    }

    /**
     * The password a registration mail must carry: the one still waiting since the account was opened or last
     * reset, or else a fresh one (the old one stops working) so that every registration mail holds a valid password.
     */
    public String credentialForMail(Account account) {
        return account.takePendingPassword(ca.sealer()).orElseGet(() -> {
            String fresh = RandomCodes.password(random);
            account.assignPassword(fresh, hasher(), ca.sealer());
            account.takePendingPassword(ca.sealer());
            return fresh;
        });
    }

    public PasswordHasher hasher() {
        return new PasswordHasher(Math.max(PasswordHasher.DEFAULT_ITERATIONS,
                settings.integer("kagi.password.iterations", PasswordHasher.DEFAULT_ITERATIONS)), random);
    }

    private String freeUserId() {
        for (int attempt = 0; attempt < 10; attempt++) {
            String candidate = RandomCodes.userId(random);
            if (find(candidate).isEmpty()) {
                return candidate;
            }
        }
        throw new IllegalStateException("No free user ID after 10 draws");
    }
}
