package jp.kagi.selftest;

import java.time.Instant;

/** The pure part of the self-test: the state and the advice from the facts the service looked up. */
record Verdict(CertificateState state, Advice advice) {

    static final Verdict NO_CERTIFICATE = new Verdict(CertificateState.NONE, Advice.INSTALL_CERTIFICATE);
    static final Verdict NOT_KAGI = new Verdict(CertificateState.UNKNOWN, Advice.CHOOSE_KAGI_CERTIFICATE);

    /**
     * A certificate Kagi issued. Revocation outranks expiry, expiry outranks "not yet valid", and any of these outranks
     * "superseded": the user should first learn why this one fails. A working newer certificate is still the advice
     * whenever there is one, since choosing it fixes every one of these. notAfter is the last valid instant as the
     * certificate lists show it: a certificate is expired from notAfter on.
     */
    static Verdict of(Instant now, boolean revoked, Instant notBefore, Instant notAfter, NewerCertificate newer) {
        CertificateState state = revoked ? CertificateState.REVOKED
                : !now.isBefore(notAfter) ? CertificateState.EXPIRED
                : now.isBefore(notBefore) ? CertificateState.NOT_YET_VALID
                : newer != NewerCertificate.NONE ? CertificateState.SUPERSEDED
                : CertificateState.CURRENT;
        Advice advice = switch (newer) {
            case RETRIEVED -> Advice.CHOOSE_NEWER;
            case OPEN -> Advice.RETRIEVE_NEWER;
            case LOCKED -> Advice.ASK_REISSUE;
            case NONE -> switch (state) {
                case REVOKED -> Advice.CONTACT_REVOKED;
                case EXPIRED -> Advice.CONTACT_EXPIRED;
                case NOT_YET_VALID -> Advice.WAIT_UNTIL_VALID;
                default -> Advice.ALL_GOOD;
            };
        };
        return new Verdict(state, advice);
    }
}
