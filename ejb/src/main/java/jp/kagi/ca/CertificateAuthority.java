package jp.kagi.ca;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.math.BigInteger;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.crypto.SecretKey;
import org.bouncycastle.asn1.x500.X500Name;
import jp.kagi.platform.Access;
import jp.kagi.platform.CustomerScope;
import jp.kagi.platform.KagiException;
import jp.kagi.platform.Settings;

/**
 * Kagi's CA at run time. On first start it creates the two-tier CA and its keystore; later starts reuse them. It
 * signs client certificates only after {@link ProfileCheck} passes, and seals what must stay secret at rest.
 * State is set once in {@link #start()} and read-only afterwards, hence bean-managed concurrency (no lock).
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class CertificateAuthority {

    public static final long ISSUING_CA_ID = 1L;
    /** HKDF label of the HMAC key for registration passwords, key id {@code k1}; a new id gets a new label. */
    static final String ACCOUNT_PASSWORD_KEY_LABEL = "kagi account-password hmac-sha256 k1";
    /** Where the key above is kept once KEK version 1, which it is derived from, is retired (12/sealing). */
    static final String ACCOUNT_PASSWORD_KEY_ALIAS = "kagi-account-password-k1";
    /** The shortest password accepted for the root key's export. */
    public static final int MIN_EXPORT_PASSWORD = 12;
    /** PostgreSQL advisory lock key held while a node looks for, or creates, the CA (any constant, unique in Kagi). */
    private static final long CA_CREATION_LOCK = 0x4b616769L; // "Kagi"
    private static final Logger LOG = Logger.getLogger(CertificateAuthority.class.getName());

    @Inject
    private Settings settings;

    @Inject
    private Clock clock;

    @PersistenceContext
    private EntityManager em;

    @jakarta.annotation.Resource(lookup = "java:jboss/datasources/KagiDS")
    private javax.sql.DataSource dataSource;

    private final SecureRandom random = new SecureRandom();
    private volatile CaMaterial material;
    private volatile KeySealer sealer;
    private volatile SecretKey accountPasswordKey;
    private volatile String unavailableReason = "starting";

    @PostConstruct
    void start() {
        try {
            Optional<Pkcs11Token> token = Pkcs11Token.from(settings::find);
            CaKeyStore store = CaKeyStore.open(settings.dataDir(), settings.find("kagi.ca.keystore.password"), random,
                    token);
            oneFirstStartAtATime();
            Issuer issuer = em.find(Issuer.class, ISSUING_CA_ID);
            CaMaterial loaded;
            if (store.exists()) {
                loaded = store.load();
            } else if (issuer != null) {
                throw new IllegalStateException("The database knows CA '" + issuer.name() + "' but its keystore "
                        + store.file() + " is missing: restore it from backup (docs/operations.md)");
            } else {
                LOG.info(() -> "Creating Kagi's two-tier CA in " + store.file()
                        + (token.isPresent() ? " with its issuing key in the PKCS#11 token" : ""));
                loaded = CaFactory.create(names(), clock.instant(), random, token);
                store.save(loaded);
            }
            if (issuer == null) {
                em.persist(new Issuer(ISSUING_CA_ID, names().issuing(), loaded.issuing().getSubjectX500Principal().getName(),
                        loaded.issuing().getEncoded(), settings.get("kagi.cn.prefix", "dsca"), clock.instant()));
            } else if (!java.util.Arrays.equals(issuer.certificate(), loaded.issuing().getEncoded())) {
                throw new IllegalStateException("The CA keystore " + store.file()
                        + " does not hold the issuing CA this database was used with");
            }
            material = loaded;
            java.util.Map<Integer, SecretKey> keks = store.loadKeks();
            sealer = new KeySealer(keks, random);
            accountPasswordKey = store.loadSecret(ACCOUNT_PASSWORD_KEY_ALIAS)
                    .<SecretKey>map(k -> new javax.crypto.spec.SecretKeySpec(k.getEncoded(), "HmacSHA256"))
                    .orElseGet(() -> PurposeKeys.hmacSha256(keks.get(1), ACCOUNT_PASSWORD_KEY_LABEL));
            unavailableReason = null;
            LOG.info(() -> "CA ready: " + loaded.issuing().getSubjectX500Principal() + " under "
                    + loaded.root().getSubjectX500Principal() + (token.isPresent() ? ", issuing key in PKCS#11" : "")
                    + (loaded.rootKey() == null ? ", root key offline" : ""));
        } catch (RuntimeException | CertificateEncodingException e) {
            unavailableReason = e.getMessage();
            LOG.log(Level.SEVERE, "Kagi's CA is not available; issuance is refused until this is fixed", e);
        }
    }

    /**
     * Cluster nodes share the data directory and the database: two nodes starting at once on an empty database would
     * each create a CA, and the second keystore would overwrite the first. On PostgreSQL the first node takes this
     * transaction-scoped lock, creates keystore and issuer row and commits; the other waits here, then finds both and
     * loads them. (H2 is one server only.)
     */
    private void oneFirstStartAtATime() {
        try (java.sql.Connection c = dataSource.getConnection()) {
            if (!c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres")) {
                return;
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Cannot reach the database", e);
        }
        em.createNativeQuery("select count(*) from (select pg_advisory_xact_lock(" + CA_CREATION_LOCK + ")) l")
                .getSingleResult();
    }

    public boolean isReady() {
        return unavailableReason == null;
    }

    public String unavailableReason() {
        return unavailableReason;
    }

    /**
     * A test signature with the issuing key, verified with the issuing certificate: the keystore's key (or the
     * PKCS#11 token) still signs. For the readiness check (jp.kagi.status), which calls it at most every ten seconds.
     */
    public boolean issuingKeySigns() {
        CaMaterial ca = requireReady();
        byte[] probe = ("kagi-health-" + clock.instant()).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try {
            String algorithm = switch (ca.issuingKey().getAlgorithm()) {
                case "EC" -> "SHA256withECDSA";
                case "RSA" -> "SHA256withRSA";
                default -> ca.issuingKey().getAlgorithm();
            };
            java.security.Signature signer = java.security.Signature.getInstance(algorithm);
            signer.initSign(ca.issuingKey());
            signer.update(probe);
            byte[] signature = signer.sign();
            java.security.Signature verifier = java.security.Signature.getInstance(algorithm);
            verifier.initVerify(ca.issuing().getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (java.security.GeneralSecurityException e) {
            LOG.log(Level.WARNING, "The issuing key's test signature failed", e);
            return false;
        }
    }

    /** The issuer row, locked for this transaction so that its CN sequence advances one caller at a time. */
    public Issuer lockIssuer() {
        requireReady();
        return em.find(Issuer.class, ISSUING_CA_ID, LockModeType.PESSIMISTIC_WRITE);
    }

    public Issuer issuer() {
        requireReady();
        return em.find(Issuer.class, ISSUING_CA_ID);
    }

    public BigInteger nextSerial() {
        return SerialNumbers.next(random);
    }

    /** Signs and checks; a certificate that fails the profile check is never returned. */
    public X509Certificate signClient(ClientProfile profile, PublicKey subjectKey, BigInteger serial) {
        CaMaterial ca = requireReady();
        X509Certificate cert = CertificateSigning.signClient(profile, subjectKey, serial, ca.issuing(), ca.issuingKey());
        List<String> problems = ProfileCheck.violations(cert, profile, ca.issuing());
        if (!problems.isEmpty()) {
            LOG.severe(() -> "Refusing certificate " + profile.commonName() + " that fails the profile: " + problems);
            throw new IllegalStateException("Certificate failed the profile check: " + problems);
        }
        return cert;
    }

    public ClientProfile profile(String organizationalUnit, CommonName cn, java.time.Instant notBefore,
                                 java.time.Instant notAfter, KeyType keyType) {
        // Plain HTTP on purpose (RFC 5280 4.2.1.13, RFC 6960 appendix A): a relying party that checks revocation
        // must not need TLS, whose own certificate checks could loop back here.
        String base = settings.publicHttpUrl();
        ClientProfile profile = new ClientProfile(organizationalUnit, cn, notBefore, notAfter, keyType,
                base + "/crl/issuing-ca.crl", base + "/ocsp", base + "/crl/issuing-ca.cer",
                base + "/crl/issuing-ca-delta.crl");
        CaMaterial ca = material;
        return ca == null ? profile : profile.within(ca.issuing().getNotAfter().toInstant());
    }

    /**
     * The delta CRL's URL exactly as {@link #profile} puts it into new certificates (Freshest CRL), for the full
     * CRL's own Freshest CRL extension: derived from the profile so that the two can never differ.
     */
    public String freshestCrlUrl() {
        java.time.Instant now = clock.instant();
        return profile("-", new CommonName("x", 1), now, now, KeyType.EC_P256).freshestCrlUrl();
    }

    /** A signer for one CRL of the issuing CA (the key stays in this package). */
    public CrlSigner crlSigner() {
        CaMaterial ca = requireReady();
        return CertificateSigning.crlSigner(ca.issuing(), ca.issuingKey());
    }

    /** The OCSP responder's key and certificate as the keystore holds them, or empty when there is none yet. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Optional<ResponderCredential> responderCredential() {
        requireReady();
        return keyStore().loadResponder();
    }

    /**
     * Makes a new OCSP responder key (RSA-2048) and certificate valid from now for {@code validity}, stores both in
     * the CA keystore (replacing the previous entry) and returns them. The key stays in the keystore, like the CA's.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public ResponderCredential issueResponder(Duration validity) {
        CaMaterial ca = requireReady();
        java.security.KeyPair keys = KeyType.RSA_2048.generate(random);
        Instant notBefore = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        X500Name subject = CertificateSigning.caSubject(settings.get("kagi.ca.organization", "Kagi"),
                settings.get("kagi.ocsp.responder.name", "Kagi OCSP Responder"));
        X509Certificate cert = CertificateSigning.signOcspResponder(subject, keys.getPublic(), nextSerial(), notBefore,
                notBefore.plus(validity), ca.issuing(), ca.issuingKey());
        ResponderCredential credential = new ResponderCredential(keys.getPrivate(), cert);
        synchronized (this) {
            keyStore().saveResponder(credential, ca.issuing(), ca.root());
        }
        return credential;
    }

    private CaKeyStore keyStore() {
        return CaKeyStore.open(settings.dataDir(), settings.find("kagi.ca.keystore.password"), random);
    }

    /** Whether the root key is still in the online keystore (false once {@link #takeRootKeyOffline} ran). */
    public boolean rootKeyOnline(CustomerScope who) {
        Access.caAdmin(who);
        return requireReady().rootKey() != null;
    }

    /**
     * Exports the root key once as a PKCS#12 protected by {@code exportPassword} and removes it from the online
     * keystore; Kagi goes on with the root certificate and the issuing key only. CA admins only; the caller audits.
     * Anything that needs the root key afterwards is refused with {@code error.ca.rootKeyOffline}.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public byte[] takeRootKeyOffline(CustomerScope caller, char[] exportPassword) {
        Access.caAdmin(caller);
        if (exportPassword == null || exportPassword.length < MIN_EXPORT_PASSWORD) {
            throw KagiException.invalid("error.ca.exportPassword", MIN_EXPORT_PASSWORD);
        }
        CaMaterial ca = requireReady();
        synchronized (this) {
            if (material.rootKey() == null) {
                throw KagiException.conflict("error.ca.rootKeyOffline");
            }
            byte[] export;
            try {
                export = keyStore().takeRootKeyOffline(exportPassword);
            } catch (CaKeyStore.RootKeyOfflineException e) {
                throw KagiException.conflict("error.ca.rootKeyOffline");
            }
            material = new CaMaterial(ca.root(), ca.issuing(), ca.issuingKey(), null, ca.kek());
            LOG.warning("The root CA key was exported and removed from the online keystore");
            return export;
        }
    }

    public KeySealer sealer() {
        requireReady();
        return sealer;
    }

    /**
     * Introduces a new KEK version (12/sealing): a fresh AES-256 key stored in the CA keystore as
     * {@code kagi-kek-v<N>}; from now on everything is sealed under it. Returns N. Callers check who asks
     * ({@code kek.KekService}).
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public synchronized int addKekVersion() {
        requireReady();
        int next = sealer.currentVersion() + 1;
        try {
            javax.crypto.KeyGenerator aes = javax.crypto.KeyGenerator.getInstance("AES");
            aes.init(256, random);
            CaKeyStore store = keyStore();
            store.putSecret(CaKeyStore.kekAlias(next), aes.generateKey());
            sealer = new KeySealer(store.loadKeks(), random);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("AES is not available", e);
        }
        LOG.info(() -> "KEK version " + next + " introduced");
        return next;
    }

    /**
     * Deletes KEK version {@code version} from the CA keystore for good. Never the newest; the caller first makes
     * sure nothing is sealed under it any more. Retiring version 1 first keeps the registration-password HMAC key,
     * which is derived from it, as its own keystore entry.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public synchronized void retireKekVersion(int version) {
        requireReady();
        if (version == sealer.currentVersion() || !sealer.versions().contains(version)) {
            throw KagiException.conflict("error.kekVersionNotRetirable", version);
        }
        CaKeyStore store = keyStore();
        if (version == 1 && store.loadSecret(ACCOUNT_PASSWORD_KEY_ALIAS).isEmpty()) {
            store.putSecret(ACCOUNT_PASSWORD_KEY_ALIAS,
                    new javax.crypto.spec.SecretKeySpec(accountPasswordKey.getEncoded(), "AES"));
        }
        store.putSecret(CaKeyStore.kekAlias(version), null);
        sealer = new KeySealer(store.loadKeks(), random);
        LOG.info(() -> "KEK version " + version + " retired");
    }

    /**
     * The HMAC-SHA256 key (id {@code k1}) for registration passwords, derived from the KEK at start with HKDF and
     * its own label, so that it is neither stored nor usable for sealing.
     */
    public SecretKey accountPasswordKey() {
        requireReady();
        return accountPasswordKey;
    }

    public X509Certificate issuingCertificate() {
        return requireReady().issuing();
    }

    public X509Certificate rootCertificate() {
        return requireReady().root();
    }

    public List<X509Certificate> chain() {
        CaMaterial ca = requireReady();
        return List.of(ca.issuing(), ca.root());
    }

    private CaMaterial requireReady() {
        CaMaterial ca = material;
        if (ca == null) {
            throw new KagiException(KagiException.Kind.UNAVAILABLE, "error.caUnavailable");
        }
        return ca;
    }

    private CaFactory.CaNames names() {
        return new CaFactory.CaNames(settings.get("kagi.ca.organization", "Kagi"),
                settings.get("kagi.ca.root.name", "Kagi Root CA"), settings.get("kagi.ca.issuing.name", "Kagi Issuing CA"));
    }
}
