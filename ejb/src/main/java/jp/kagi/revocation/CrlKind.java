package jp.kagi.revocation;

/** The two CRLs Kagi publishes for its issuing CA: the complete one and the delta since it (RFC 5280 §5.2.4). */
public enum CrlKind {
    FULL("issuing-ca.crl"),
    DELTA("issuing-ca-delta.crl");

    private final String fileName;

    CrlKind(String fileName) {
        this.fileName = fileName;
    }

    /** The name under {@code /crl/} where relying parties fetch it. */
    public String fileName() {
        return fileName;
    }
}
