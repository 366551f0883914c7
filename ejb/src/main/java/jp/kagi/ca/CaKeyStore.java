package jp.kagi.ca;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.SecretKey;

/**
 * The CA keystore file, {@code <KAGI_DATA_DIR>/ca/kagi-ca.p12}: a PKCS#12 store protected by
 * KAGI_CA_KEYSTORE_PASSWORD or, when that is unset, by a random password kept beside it readable by the owner only.
 */
final class CaKeyStore {

    static final String ROOT = "kagi-root";
    static final String ISSUING = "kagi-issuing";
    static final String KEK = "kagi-kek";
    /** The delegated OCSP responder's key and certificate chain (RFC 6960 4.2.2.2); replaced at each renewal. */
    static final String OCSP_RESPONDER = "kagi-ocsp-responder";

    private final Path file;
    private final char[] password;

    private CaKeyStore(Path file, char[] password) {
        this.file = file;
        this.password = password;
    }

    static CaKeyStore open(Path dataDir, Optional<String> configuredPassword, SecureRandom random) {
        Path dir = dataDir.resolve("ca");
        try {
            Files.createDirectories(dir);
            if (configuredPassword.isPresent()) {
                return new CaKeyStore(dir.resolve("kagi-ca.p12"), configuredPassword.get().toCharArray());
            }
            Path passwordFile = dir.resolve("keystore.password");
            if (!Files.exists(passwordFile)) {
                byte[] bytes = new byte[32];
                random.nextBytes(bytes);
                writeOwnerOnly(passwordFile, Base64.getUrlEncoder().withoutPadding().encode(bytes));
            }
            String stored = Files.readString(passwordFile, StandardCharsets.US_ASCII).strip();
            return new CaKeyStore(dir.resolve("kagi-ca.p12"), stored.toCharArray());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot prepare the CA keystore directory " + dir, e);
        }
    }

    Path file() {
        return file;
    }

    boolean exists() {
        return Files.exists(file);
    }

    CaMaterial load() {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password);
            Certificate[] chain = ks.getCertificateChain(ISSUING);
            if (chain == null || chain.length != 2) {
                throw new IllegalStateException("CA keystore " + file + " has no issuing CA chain");
            }
            return new CaMaterial((X509Certificate) chain[1], (X509Certificate) chain[0],
                    (PrivateKey) ks.getKey(ISSUING, password), (PrivateKey) ks.getKey(ROOT, password),
                    (SecretKey) ks.getKey(KEK, password));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot open the CA keystore " + file
                    + " (wrong KAGI_CA_KEYSTORE_PASSWORD or damaged file)", e);
        }
    }

    /** The OCSP responder's key and certificate, or empty when the keystore has none (yet). */
    Optional<ResponderCredential> loadResponder() {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password);
            Certificate[] chain = ks.getCertificateChain(OCSP_RESPONDER);
            if (chain == null || chain.length == 0 || !(ks.getKey(OCSP_RESPONDER, password) instanceof PrivateKey key)) {
                return Optional.empty();
            }
            return Optional.of(new ResponderCredential(key, (X509Certificate) chain[0]));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read the OCSP responder entry of " + file, e);
        }
    }

    /**
     * Adds or replaces the responder entry: every other entry is read and written back unchanged, into a temporary
     * file that then replaces the keystore atomically, so that a crash leaves either the old or the new keystore.
     */
    void saveResponder(ResponderCredential responder, X509Certificate issuing, X509Certificate root) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(file)) {
                ks.load(in, password);
            }
            ks.setKeyEntry(OCSP_RESPONDER, responder.key(), password,
                    new Certificate[] {responder.certificate(), issuing, root});
            write(ks);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot write the OCSP responder entry of " + file, e);
        }
    }

    /**
     * Every KEK version the keystore holds (12/sealing): version 1 is the original {@code kagi-kek}, later ones
     * {@code kagi-kek-v<N>}. A retired version's entry is gone.
     */
    java.util.Map<Integer, SecretKey> loadKeks() {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password);
            java.util.Map<Integer, SecretKey> keks = new java.util.TreeMap<>();
            for (String alias : java.util.Collections.list(ks.aliases())) {
                Integer version = alias.equals(KEK) ? Integer.valueOf(1)
                        : alias.startsWith(KEK + "-v") ? Integer.valueOf(alias.substring(KEK.length() + 2)) : null;
                if (version != null && ks.getKey(alias, password) instanceof SecretKey key) {
                    keks.put(version, key);
                }
            }
            return keks;
        } catch (IOException | GeneralSecurityException | NumberFormatException e) {
            throw new IllegalStateException("Cannot read the key-encryption keys of " + file, e);
        }
    }

    static String kekAlias(int version) {
        return version == 1 ? KEK : KEK + "-v" + version;
    }

    /** A secret entry by alias, or empty. */
    Optional<SecretKey> loadSecret(String alias) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password);
            return ks.getKey(alias, password) instanceof SecretKey key ? Optional.of(key) : Optional.empty();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read entry " + alias + " of " + file, e);
        }
    }

    /** Adds (key present) or deletes (key null) one secret entry; the rest is written back unchanged, atomically. */
    void putSecret(String alias, SecretKey key) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(file)) {
                ks.load(in, password);
            }
            if (key == null) {
                ks.deleteEntry(alias);
            } else {
                ks.setEntry(alias, new KeyStore.SecretKeyEntry(key), new KeyStore.PasswordProtection(password));
            }
            write(ks);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot write entry " + alias + " of " + file, e);
        }
    }

    void save(CaMaterial material) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, password);
            ks.setKeyEntry(ROOT, material.rootKey(), password, new Certificate[] {material.root()});
            ks.setKeyEntry(ISSUING, material.issuingKey(), password,
                    new Certificate[] {material.issuing(), material.root()});
            ks.setEntry(KEK, new KeyStore.SecretKeyEntry(material.kek()), new KeyStore.PasswordProtection(password));
            write(ks);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot write the CA keystore " + file, e);
        }
    }

    private void write(KeyStore ks) throws IOException, GeneralSecurityException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            ks.store(out, password);
        }
        restrict(tmp);
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void writeOwnerOnly(Path path, byte[] content) throws IOException {
        Files.write(path, content);
        restrict(path);
    }

    private static void restrict(Path path) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system (Windows): the directory's ACL is the operator's to set (docs/operations.md).
        }
    }
}
