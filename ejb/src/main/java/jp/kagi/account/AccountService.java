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
import jp.kagi.metrics.KagiMeters;
import jp.kagi.platform.Access;
import jp.kagi.platform.Actor;
import jp.kagi.platform.CustomerScope;
import jp.kagi.platform.Inputs;
import jp.kagi.platform.KagiException;
import jp.kagi.platform.PageRequest;
import jp.kagi.platform.RandomCodes;

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
    private AttemptThrottle throttle;

    private final SecureRandom random = new SecureRandom();

    public AccountView create(Actor actor, CustomerScope who, NewAccount request) {
        if (request == null) {
            throw KagiException.invalid("error.required", "body");
        }
        String named = request.customer() == null ? "" : request.customer().strip();
        Access.change(who, named, "error.customerUnknown", named);
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
        account.assignPassword(RandomCodes.password(random), passwords(), ca.sealer());
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
        boolean ok;
        if (account.isPresent()) {
            // the password is checked before the status, so that a disabled account costs the same as any other
            boolean matches = passwordMatches(account.get(), password);
            ok = matches && account.get().isActive();
        } else {
            passwords().spendWrongPasswordCost(password); // timing does not reveal which IDs exist
            ok = false;
        }
        if (!ok) {
            throttle.failed(userId, address);
            KagiMeters.loginFailed("portal");
            audit.recordRefusal(new Actor(userId, address), "portal.loginFailed", "account", userId, null);
            throw KagiException.invalid("error.loginFailed");
        }
        throttle.succeeded(userId, address);
        Account a = account.get();
        audit.record(new Actor(userId, address), "portal.login", "account", userId, null);
        return new PortalUser(a.userId(), a.displayName(), a.language(), a.customer().name());
    }

    /** Disables or re-enables an account; its issued certificates stay valid (revoke them to end them). */
    public AccountView setEnabled(Actor actor, CustomerScope who, String userId, boolean enabled) {
        Account account = require(who, userId, true);
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

    /**
     * The account, checked against the caller: another customer's is "unknown" (404) like a missing one; for a
     * change ({@code change}) an auditor gets 403.
     */
    private Account require(CustomerScope who, String userId, boolean change) {
        Access.caller(who);
        Account account = require(userId);
        String customer = account.customer().name();
        if (change) {
            Access.change(who, customer, "error.accountUnknown", account.userId());
        } else {
            Access.see(who, customer, "error.accountUnknown", account.userId());
        }
        return account;
    }

    /** The account if the caller may see it; another customer's is as absent as a missing one. */
    public Optional<AccountView> view(CustomerScope who, String userId) {
        Access.caller(who);
        return find(userId).filter(a -> who.maySee(a.customer().name())).map(Account::view);
    }

    /** Every account of one customer, by user ID (the back-office screen); scoped as the paged list. */
    public List<AccountView> list(CustomerScope who, String customer) {
        return list(who, customer, new PageRequest(0, Integer.MAX_VALUE));
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
        Access.see(who, name, "error.customerUnknown", name);
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
            account.assignPassword(fresh, passwords(), ca.sealer());
            account.takePendingPassword(ca.sealer());
            return fresh;
        });
    }

    /**
     * The one place where an account's password is checked (portal sign-in, 鍵の取得). A password that is right but
     * stored in the old PBKDF2 form is stored again in the current form, in the caller's transaction. The update
     * is conditional on the old value, so two sign-ins at once, or a reset meanwhile, neither fail nor undo anything.
     */
    public boolean passwordMatches(Account account, String password) {
        RegistrationPasswordHasher hasher = passwords();
        RegistrationPasswordHasher.Check check = account.checkPassword(password, hasher);
        if (check == RegistrationPasswordHasher.Check.MATCH_NEEDS_REHASH) {
            em.createNamedQuery("Account.replacePasswordHash").setParameter("newHash", hasher.hash(password))
                    .setParameter("id", account.id()).setParameter("oldHash", account.passwordHash()).executeUpdate();
        }
        return check.matches();
    }

    /**
     * The one hasher for account passwords (opening, reset, fresh password for a mail, bulk import through
     * {@link #create}): HMAC-SHA256 under the CA's account-password key.
     */
    public RegistrationPasswordHasher passwords() {
        return new RegistrationPasswordHasher(RegistrationPasswordHasher.CURRENT_KEY_ID, ca.accountPasswordKey(), random);
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
