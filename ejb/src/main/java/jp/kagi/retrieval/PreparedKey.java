package jp.kagi.retrieval;

/** A PKCS#12 ready for download, protected by the password the user just typed. Not stored anywhere. */
public record PreparedKey(String requestId, String commonName, String fileName, byte[] pkcs12)
        implements java.io.Serializable {

    public PreparedKey {
        pkcs12 = pkcs12.clone();
    }

    @Override
    public byte[] pkcs12() {
        return pkcs12.clone();
    }
}
