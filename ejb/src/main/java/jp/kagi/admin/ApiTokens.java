package jp.kagi.admin;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import jp.kagi.audit.AuditLog;
import jp.kagi.platform.Actor;
import jp.kagi.platform.Inputs;
import jp.kagi.platform.KagiException;

/**
 * API tokens (SPEC.md "REST API v1"): {@code kagi_} + a 96-bit selector + a 256-bit secret, shown once. A token
 * acts with its owner's rights as they are at each request (the owner is looked up every time, so a disabled
 * owner's tokens stop at once and role or customer changes apply). Everyone manages their own tokens; a CA admin
 * sees and revokes everyone's.
 */
@Stateless
public class ApiTokens {

    static final String PREFIX = "kagi_";
    private static final int SELECTOR_CHARS = 16; // 12 bytes in base64url
    private static final int SECRET_CHARS = 43; // 32 bytes in base64url
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private AuditLog audit;

    private final SecureRandom random = new SecureRandom();

    /** The owner of a working token and the token's id. */
    public record Holder(AdminPrincipal principal, long tokenId) {
    }

    public CreatedToken create(AdminPrincipal caller, Actor actor, String name, String expires) {
        requireSignedIn(caller);
        String label = Inputs.text("name", name, 100);
        Instant now = clock.instant();
        Instant expiresAt = TokenExpiry.parse(expires, now);
        String selector = B64.encodeToString(bytes(12));
        String secret = B64.encodeToString(bytes(32));
        String salt = B64.encodeToString(bytes(16));
        ApiToken token = new ApiToken(caller.userId(), label, selector, salt, hash(salt, secret), now, expiresAt);
        em.persist(token);
        em.flush();
        audit.record(actor, "token.create", "token", String.valueOf(token.id()),
                "owner " + caller.userId() + ", name " + label + ", expires " + expiresAt);
        return new CreatedToken(token.id(), PREFIX + selector + secret);
    }

    /** The caller's tokens that are not revoked (a CA admin: everyone's), expired ones included so they can go. */
    public List<TokenView> list(AdminPrincipal caller) {
        requireSignedIn(caller);
        String all = "select t from ApiToken t where t.revokedAt is null order by t.id";
        String own = "select t from ApiToken t where t.revokedAt is null and t.owner = :owner order by t.id";
        var query = em.createQuery(caller.isCaAdmin() ? all : own, ApiToken.class);
        if (!caller.isCaAdmin()) {
            query.setParameter("owner", caller.userId());
        }
        return query.setMaxResults(1000).getResultList().stream().map(ApiToken::view).toList();
    }

    /** Revokes a token of the caller (a CA admin: anyone's); someone else's token is "not found", not forbidden. */
    public void revoke(AdminPrincipal caller, Actor actor, long id) {
        requireSignedIn(caller);
        ApiToken token = em.find(ApiToken.class, id);
        if (token == null || token.revoked() || !(caller.isCaAdmin() || token.owner().equals(caller.userId()))) {
            throw KagiException.notFound("error.tokenNotFound", id);
        }
        token.revoke(clock.instant());
        audit.record(actor, "token.revoke", "token", String.valueOf(id), "owner " + token.owner());
    }

    /** The holder of a token that exists, is neither revoked nor expired, and whose owner is active. */
    public Optional<Holder> authenticate(String token) {
        if (token == null || token.length() != PREFIX.length() + SELECTOR_CHARS + SECRET_CHARS
                || !token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String selector = token.substring(PREFIX.length(), PREFIX.length() + SELECTOR_CHARS);
        String secret = token.substring(PREFIX.length() + SELECTOR_CHARS);
        Optional<ApiToken> found = em.createQuery("select t from ApiToken t where t.selector = :s", ApiToken.class)
                .setParameter("s", selector).getResultStream().findFirst();
        Instant now = clock.instant();
        if (found.isEmpty() || !MessageDigest.isEqual(hash(found.get().salt(), secret).getBytes(StandardCharsets.UTF_8),
                found.get().secretHash().getBytes(StandardCharsets.UTF_8)) || !found.get().usableAt(now)) {
            return Optional.empty();
        }
        Optional<AdminUser> owner = em.createQuery("select u from AdminUser u where u.userId = :id and u.active = true",
                AdminUser.class).setParameter("id", found.get().owner()).getResultStream().findFirst();
        if (owner.isEmpty()) {
            return Optional.empty();
        }
        found.get().usedAt(now);
        return Optional.of(new Holder(owner.get().principal(), found.get().id()));
    }

    private static void requireSignedIn(AdminPrincipal caller) {
        if (caller == null) {
            throw new KagiException(KagiException.Kind.FORBIDDEN, "error.forbidden");
        }
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    static String hash(String salt, String secret) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt.getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(sha.digest(secret.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
