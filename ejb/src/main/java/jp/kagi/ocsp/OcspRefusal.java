package jp.kagi.ocsp;

import org.bouncycastle.cert.ocsp.OCSPRespBuilder;

/** A request the responder answers with an OCSP error status (RFC 6960 4.2.1) instead of certificate statuses. */
public final class OcspRefusal extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;

    private OcspRefusal(int status, String why) {
        super(why, null, false, false);
        this.status = status;
    }

    static OcspRefusal malformed(String why) {
        return new OcspRefusal(OCSPRespBuilder.MALFORMED_REQUEST, why);
    }

    static OcspRefusal unauthorized(String why) {
        return new OcspRefusal(OCSPRespBuilder.UNAUTHORIZED, why);
    }

    static OcspRefusal tryLater(String why) {
        return new OcspRefusal(OCSPRespBuilder.TRY_LATER, why);
    }

    /** The OCSPResponseStatus: 1 malformedRequest, 3 tryLater, 6 unauthorized. */
    public int status() {
        return status;
    }
}
