package jp.kagi.ocsp;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;

/** Builds OCSPResponse DER: a signed BasicOCSPResponse (RFC 6960 4.2.1) or an unsigned error status. */
final class OcspAnswers {

    private OcspAnswers() {
    }

    /**
     * One SingleResponse per CertID, in the request's order, each echoing the CertID exactly as asked (hash
     * algorithm included); the nonce extension echoed unchanged (RFC 8954 2.1) when there is one.
     */
    static byte[] successful(Responder responder, List<CertificateID> ids, Map<java.math.BigInteger, SerialStatus> statuses,
                             Extension nonce, Instant producedAt, Instant thisUpdate, Instant nextUpdate) {
        try {
            BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(responder.id());
            for (CertificateID id : ids) {
                builder.addResponse(id, status(statuses.getOrDefault(id.getSerialNumber(), SerialStatus.UNKNOWN)),
                        Date.from(thisUpdate), Date.from(nextUpdate), null);
            }
            if (nonce != null) {
                builder.setResponseExtensions(new Extensions(nonce));
            }
            var basic = builder.build(responder.signer(), responder.chain(), Date.from(producedAt));
            return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
        } catch (OCSPException | IOException e) {
            throw new IllegalStateException("Cannot build the OCSP response", e);
        }
    }

    static CertificateStatus status(SerialStatus status) {
        return switch (status.kind()) {
            case GOOD -> CertificateStatus.GOOD;
            case REVOKED -> status.reasonCode() == CRLReason.unspecified
                    // RFC 5280 5.3.1: unspecified is better left out than written.
                    ? new RevokedStatus(Date.from(status.revokedAt().truncatedTo(ChronoUnit.SECONDS)))
                    : new RevokedStatus(Date.from(status.revokedAt().truncatedTo(ChronoUnit.SECONDS)), status.reasonCode());
            case UNKNOWN -> new UnknownStatus();
        };
    }

    /** An OCSPResponse carrying only an error status (no responseBytes, nothing signed). */
    static byte[] error(int status) {
        try {
            return new OCSPRespBuilder().build(status, null).getEncoded();
        } catch (OCSPException | IOException e) {
            throw new IllegalStateException("Cannot encode OCSP status " + status, e);
        }
    }
}
