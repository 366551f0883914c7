package jp.kagi.selftest;

/** Where the certificate a browser presented stands in Kagi, the most serious first. */
public enum CertificateState {
    /** The browser presented no certificate. */
    NONE,
    /** Not a certificate Kagi issued (another CA's, or one whose bytes differ from what Kagi signed). */
    UNKNOWN,
    /** Kagi issued it and revoked it. */
    REVOKED,
    /** Kagi issued it; its notAfter has passed. */
    EXPIRED,
    /** Kagi issued it; its notBefore is still ahead. */
    NOT_YET_VALID,
    /** Valid, but its account has a newer valid certificate (a renewal or a reissue; the higher dscaNNNNN). */
    SUPERSEDED,
    /** Valid and the newest valid certificate of its account. */
    CURRENT;

    /** True when the certificate works: Kagi's, unrevoked, within its validity. Such a self-test is a success. */
    public boolean works() {
        return this == CURRENT || this == SUPERSEDED;
    }
}
