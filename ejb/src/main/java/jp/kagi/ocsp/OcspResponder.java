package jp.kagi.ocsp;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import jp.kagi.ca.CertificateAuthority;
import jp.kagi.ca.ResponderCredential;
import jp.kagi.metrics.KagiMeters;
import jp.kagi.platform.Settings;
import jp.kagi.revocation.CrlPublisher;
import jp.kagi.revocation.RevocationReason;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Kagi's OCSP responder (RFC 6960) for the issuing CA. Every answer reads the serials' status from the database at
 * the moment of the request, so a revocation shows at once. thisUpdate is that moment; nextUpdate is as far ahead
 * as the CRL's ({@link CrlPublisher#validity()}), never past the responder certificate's expiry.
 *
 * <p>Pre-signed responses: a single-serial request without a nonce (RFC 5019's form, what browsers and Java send)
 * reuses the response signed for the same CertID up to {@link #PRESIGNED_REUSE} ago, but only if the database
 * still says exactly what that response says and the responder certificate is the same; otherwise it signs anew.
 * Unknown serials are never kept (a stranger could fill the cache).
 */
@Singleton
@Startup
@DependsOn("CertificateAuthority")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class OcspResponder {

    static final Duration PRESIGNED_REUSE = Duration.ofMinutes(5);
    static final int PRESIGNED_MAX = 10_000;
    private static final Logger LOG = Logger.getLogger(OcspResponder.class.getName());

    @Inject
    private CertificateAuthority ca;

    @Resource(lookup = "java:jboss/datasources/KagiDS")
    private DataSource ds;

    @Inject
    private CrlPublisher crl;

    @Inject
    private Clock clock;

    @Inject
    private Settings settings;

    private SerialStatuses statuses;
    private volatile Responder responder;
    private volatile IssuerHashes issuer;
    private final Map<ByteBuffer, Presigned> presigned = new ConcurrentHashMap<>();
    private final LongAdder answered = new LongAdder();
    private volatile Instant startedAt;

    private record Presigned(SerialStatus status, byte[] der, Instant thisUpdate, Instant nextUpdate,
                             Responder responder) {
    }

    @PostConstruct
    void start() {
        startedAt = clock.instant();
        statuses = new SerialStatuses(ds);
        try {
            renewIfDue();
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "The OCSP responder is not available (answers tryLater); the renewal timer retries", e);
        }
    }

    /**
     * Loads the responder from the CA keystore, or issues a new one when there is none, when it is not the current
     * issuing CA's, or when less than KAGI_OCSP_RESPONDER_RENEW_BEFORE of its validity remains. Returns true when
     * it issued one. Called at start and by {@link ResponderRenewal}.
     */
    public synchronized boolean renewIfDue() {
        if (!ca.isReady()) {
            return false;
        }
        if (issuer == null) {
            issuer = new IssuerHashes(ca.issuingCertificate());
        }
        Responder current = responder;
        if (current == null) {
            current = ca.responderCredential().filter(this::issuedByIssuingCa).map(Responder::new).orElse(null);
        }
        Duration validity = validity();
        Instant now = clock.instant();
        boolean renew = current == null || !now.isBefore(current.notAfter().minus(renewBefore(validity)));
        if (renew) {
            current = new Responder(ca.issueResponder(validity));
            Instant until = current.notAfter();
            LOG.info(() -> "OCSP responder certificate issued, valid until " + until);
        }
        responder = current;
        if (renew) {
            presigned.clear();
        }
        return renew;
    }

    private boolean issuedByIssuingCa(ResponderCredential credential) {
        try {
            credential.certificate().verify(ca.issuingCertificate().getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            LOG.warning("The keystore's OCSP responder certificate is not the issuing CA's; issuing a new one");
            return false;
        }
    }

    public Duration validity() {
        return settings.duration("kagi.ocsp.responder.validity", Duration.ofDays(90));
    }

    /** KAGI_OCSP_RESPONDER_RENEW_BEFORE, at most two thirds of the validity (else every check would renew). */
    public Duration renewBefore(Duration validity) {
        Duration before = settings.duration("kagi.ocsp.responder.renew.before", Duration.ofDays(30));
        Duration most = validity.multipliedBy(2).dividedBy(3);
        return before.compareTo(most) > 0 ? most : before;
    }

    /** Answers one DER OCSPRequest; never throws: a problem becomes an OCSP error status. */
    public OcspResult respond(byte[] request) {
        answered.increment();
        OcspResult result = answer(request);
        KagiMeters.ocspRequest(statusName(result.status()));
        return result;
    }

    /** RFC 6960 OCSPResponseStatus, as the label of kagi_ocsp_requests_total. */
    static String statusName(int status) {
        return switch (status) {
            case 0 -> "successful";
            case 1 -> "malformed-request";
            case 2 -> "internal-error";
            case 3 -> "try-later";
            case 5 -> "sig-required";
            case 6 -> "unauthorized";
            default -> "status-" + status;
        };
    }

    private OcspResult answer(byte[] request) {
        try {
            return answer(OcspRequests.parse(request));
        } catch (OcspRefusal e) {
            return OcspResult.error(e.status());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "OCSP request failed", e);
            return OcspResult.error(OCSPRespBuilder.INTERNAL_ERROR);
        }
    }

    private OcspResult answer(ParsedRequest request) throws OcspRefusal {
        Responder signer = responder;
        IssuerHashes ours = issuer;
        if (signer == null || ours == null) {
            throw OcspRefusal.tryLater("responder not ready");
        }
        for (CertificateID id : request.certIds()) {
            if (!ours.matches(id)) {
                throw OcspRefusal.unauthorized("not Kagi's issuing CA");
            }
        }
        Instant now = clock.instant();
        List<BigInteger> serials = request.certIds().stream().map(CertificateID::getSerialNumber).toList();
        Map<BigInteger, SerialStatus> found = statuses.of(serials);
        if (request.nonce() == null && request.certIds().size() == 1) {
            return presignedOrNew(signer, request.certIds().get(0), found.get(serials.get(0)), now);
        }
        Instant thisUpdate = now.truncatedTo(ChronoUnit.SECONDS);
        Instant nextUpdate = nextUpdate(signer, thisUpdate);
        byte[] der = OcspAnswers.successful(signer, request.certIds(), found, request.nonce(), now, thisUpdate,
                nextUpdate);
        return new OcspResult(der, 0, thisUpdate, nextUpdate, request.nonce() == null);
    }

    private OcspResult presignedOrNew(Responder signer, CertificateID id, SerialStatus status, Instant now) {
        ByteBuffer key = ByteBuffer.wrap(encoded(id));
        Presigned kept = presigned.get(key);
        if (kept != null && kept.responder() == signer && kept.status().equals(status)
                && now.isBefore(kept.thisUpdate().plus(reuse(kept))) && now.isBefore(kept.nextUpdate())) {
            return new OcspResult(kept.der(), 0, kept.thisUpdate(), kept.nextUpdate(), true);
        }
        Instant thisUpdate = now.truncatedTo(ChronoUnit.SECONDS);
        Instant nextUpdate = nextUpdate(signer, thisUpdate);
        byte[] der = OcspAnswers.successful(signer, List.of(id), Map.of(id.getSerialNumber(), status), null, now,
                thisUpdate, nextUpdate);
        if (status.kind() != SerialStatus.Kind.UNKNOWN) {
            if (presigned.size() >= PRESIGNED_MAX) {
                presigned.clear();
            }
            presigned.put(key, new Presigned(status, der, thisUpdate, nextUpdate, signer));
        }
        return new OcspResult(der, 0, thisUpdate, nextUpdate, true);
    }

    private static Duration reuse(Presigned kept) {
        Duration half = Duration.between(kept.thisUpdate(), kept.nextUpdate()).dividedBy(2);
        return half.compareTo(PRESIGNED_REUSE) < 0 ? half : PRESIGNED_REUSE;
    }

    private Instant nextUpdate(Responder signer, Instant thisUpdate) {
        Instant byCrl = thisUpdate.plus(crl.validity());
        return byCrl.isAfter(signer.notAfter()) ? signer.notAfter() : byCrl;
    }

    private static byte[] encoded(CertificateID id) {
        try {
            return id.toASN1Primitive().getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The OCSP answer a relying party gets for this serial now (SHA-256 CertID, no nonce), for the back office. */
    public OcspAnswerView answerFor(String serialHex) {
        try {
            CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build()
                    .get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)),
                    new JcaX509CertificateHolder(ca.issuingCertificate()), new BigInteger(serialHex, 16));
            OCSPResp resp = new OCSPResp(answer(new OCSPReqBuilder().addRequest(id).build().getEncoded()).der());
            if (resp.getStatus() != OCSPRespBuilder.SUCCESSFUL) {
                return new OcspAnswerView(errorName(resp.getStatus()), null, null, null, null);
            }
            SingleResp single = ((BasicOCSPResp) resp.getResponseObject()).getResponses()[0];
            Instant thisUpdate = single.getThisUpdate().toInstant();
            Instant nextUpdate = single.getNextUpdate() == null ? null : single.getNextUpdate().toInstant();
            if (single.getCertStatus() instanceof RevokedStatus revoked) {
                return new OcspAnswerView("revoked", thisUpdate, nextUpdate, revoked.getRevocationTime().toInstant(),
                        revoked.hasRevocationReason() ? reasonName(revoked.getRevocationReason())
                                : RevocationReason.unspecified.name());
            }
            return new OcspAnswerView(single.getCertStatus() instanceof UnknownStatus ? "unknown" : "good", thisUpdate,
                    nextUpdate, null, null);
        } catch (Exception e) {
            LOG.log(Level.FINE, "No OCSP answer for " + serialHex, e);
            return new OcspAnswerView("internalError", null, null, null, null);
        }
    }

    private static String reasonName(int code) {
        for (RevocationReason reason : RevocationReason.values()) {
            if (reason.code() == code) {
                return reason.name();
            }
        }
        return Integer.toString(code);
    }

    private static String errorName(int status) {
        return switch (status) {
            case OCSPRespBuilder.MALFORMED_REQUEST -> "malformedRequest";
            case OCSPRespBuilder.TRY_LATER -> "tryLater";
            case OCSPRespBuilder.UNAUTHORIZED -> "unauthorized";
            default -> "internalError";
        };
    }

    /** The responder certificate's expiry, for the back office; empty while there is none. */
    public Optional<Instant> responderExpiry() {
        Responder current = responder;
        return current == null ? Optional.empty() : Optional.of(current.notAfter());
    }

    /** The responder certificate in use (for tests and the back office); empty while there is none. */
    public Optional<java.security.cert.X509Certificate> responderCertificate() {
        Responder current = responder;
        return current == null ? Optional.empty() : Optional.of(current.certificate());
    }

    /** OCSP requests from relying parties answered since start (every status; not the back office's), for a rate. */
    public long answered() {
        return answered.sum();
    }

    /** Requests answered per minute on average since this server started (the back office's rate). */
    public double answeredPerMinute() {
        Instant since = startedAt;
        if (since == null) {
            return 0;
        }
        double minutes = Math.max(1.0 / 60, Duration.between(since, clock.instant()).toMillis() / 60_000.0);
        return answered.sum() / minutes;
    }
}
