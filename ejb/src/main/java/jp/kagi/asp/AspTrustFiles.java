package jp.kagi.asp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import jp.kagi.platform.OwnerOnlyFiles;

/**
 * The files the 8444 listener's Elytron trust manager reads (configure.cli): {@code <dir>/trust.p12}, holding only
 * Kagi's CA chain as trusted entries, and {@code <dir>/issuing-ca.crl}, the newest full CRL. Both are replaced
 * atomically (a half-written file is never loaded), owner-only from creation, and only when their content changes.
 */
public final class AspTrustFiles {

    /** Not a secret: the store holds public CA certificates only; the password guards nothing but integrity. */
    public static final char[] PASSWORD = "kagi-asp-trust".toCharArray();
    static final String TRUST = "trust.p12";
    static final String CRL = "issuing-ca.crl";

    private final Path dir;

    public AspTrustFiles(Path dir) {
        this.dir = dir;
    }

    public Path trustStore() {
        return dir.resolve(TRUST);
    }

    public Path crl() {
        return dir.resolve(CRL);
    }

    /** Writes the chain as the trust store unless it already holds exactly these certificates; true if written. */
    public boolean writeTrust(List<X509Certificate> chain) {
        try {
            if (holdsExactly(chain)) {
                return false;
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < chain.size(); i++) {
                store.setCertificateEntry(i == 0 ? "kagi-issuing" : "kagi-ca-" + i, chain.get(i));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            store.store(out, PASSWORD);
            replace(trustStore(), out.toByteArray());
            return true;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot write the 8444 trust store " + trustStore(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a published CRL (DER) over the listener's CRL file unless it is already the same; true if copied. */
    public boolean writeCrl(Path published) {
        try {
            byte[] der = Files.readAllBytes(published);
            if (Files.exists(crl()) && Arrays.equals(der, Files.readAllBytes(crl()))) {
                return false;
            }
            replace(crl(), der);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean holdsExactly(List<X509Certificate> chain) throws IOException, GeneralSecurityException {
        if (!Files.exists(trustStore())) {
            return false;
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(trustStore())) {
            store.load(in, PASSWORD);
        } catch (IOException e) {
            return false; // the placeholder of another password, or a damaged file: rewrite it
        }
        if (store.size() != chain.size()) {
            return false;
        }
        for (X509Certificate cert : chain) {
            if (store.getCertificateAlias(cert) == null) {
                return false;
            }
        }
        return true;
    }

    private void replace(Path target, byte[] content) throws IOException {
        Files.createDirectories(dir);
        OwnerOnlyFiles.replace(target, content);
    }
}
