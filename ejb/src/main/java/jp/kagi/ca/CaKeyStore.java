package jp.kagi.ca;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.SecretKey;
import jp.kagi.platform.OwnerOnlyFiles;

/**
 * The CA keystore file, {@code <KAGI_DATA_DIR>/ca/kagi-ca.p12}: a PKCS#12 store protected by
 * KAGI_CA_KEYSTORE_PASSWORD or, when that is unset, by a random password kept beside it readable by the owner only.
 * Both files are created 0600 and replaced atomically ({@link OwnerOnlyFiles}).
 *
 * <p>With a PKCS#11 token ({@link Pkcs11Token}) the issuing key lives in the token and the file holds only the
 * issuing certificate (a certificate entry). After {@link #takeRootKeyOffline} the root is a certificate entry too.
 */
final class CaKeyStore {

    static final String ROOT = "kagi-root";
    static final String ISSUING = "kagi-issuing";
    static final String KEK = "kagi-kek";
    /** The delegated OCSP responder's key and certificate chain (RFC 6960 4.2.2.2); replaced at each renewal. */
    static final String OCSP_RESPONDER = "kagi-ocsp-responder";

    private final Path file;
    private final char[] password;
    private final Optional<Pkcs11Token> token;

    private CaKeyStore(Path file, char[] password, Optional<Pkcs11Token> token) {
        this.file = file;
        this.password = password;
        this.token = token;
    }

    static CaKeyStore open(Path dataDir, Optional<String> configuredPassword, SecureRandom random) {
        return open(dataDir, configuredPassword, random, Optional.empty());
    }

    static CaKeyStore open(Path dataDir, Optional<String> configuredPassword, SecureRandom random,
                           Optional<Pkcs11Token> token) {
        Path dir = dataDir.resolve("ca");
        try {
            Files.createDirectories(dir);
            if (configuredPassword.isPresent()) {
                return new CaKeyStore(dir.resolve("kagi-ca.p12"), configuredPassword.get().toCharArray(), token);
            }
            Path passwordFile = dir.resolve("keystore.password");
            if (!Files.exists(passwordFile)) {
                byte[] bytes = new byte[32];
                random.nextBytes(bytes);
                OwnerOnlyFiles.createNew(passwordFile, Base64.getUrlEncoder().withoutPadding().encode(bytes));
            }
            String stored = Files.readString(passwordFile, StandardCharsets.US_ASCII).strip();
            return new CaKeyStore(dir.resolve("kagi-ca.p12"), stored.toCharArray(), token);
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

    Optional<Pkcs11Token> token() {
        return token;
    }

    CaMaterial load() {
        try {
            KeyStore ks = read();
            if (!(ks.getCertificate(ISSUING) instanceof X509Certificate issuing)
                    || !(ks.getCertificate(ROOT) instanceof X509Certificate root)) {
                throw new IllegalStateException("CA keystore " + file + " has no issuing CA chain");
            }
            PrivateKey rootKey = ks.isKeyEntry(ROOT) ? (PrivateKey) ks.getKey(ROOT, password) : null;
            return new CaMaterial(root, issuing, issuingKey(ks), rootKey, (SecretKey) ks.getKey(KEK, password));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot open the CA keystore " + file
                    + " (wrong KAGI_CA_KEYSTORE_PASSWORD or damaged file)", e);
        }
    }

    /** The issuing key from the file, or a handle on it in the token: a mix-up of the two is refused. */
    private PrivateKey issuingKey(KeyStore ks) throws GeneralSecurityException {
        if (ks.isKeyEntry(ISSUING)) {
            if (token.isPresent()) {
                throw new IllegalStateException("KAGI_CA_PKCS11_LIBRARY is set but the issuing key of " + file
                        + " is a software key: unset the PKCS#11 settings for this CA");
            }
            return (PrivateKey) ks.getKey(ISSUING, password);
        }
        return token.orElseThrow(() -> new IllegalStateException("The issuing key of " + file
                        + " lives in a PKCS#11 token: set KAGI_CA_PKCS11_LIBRARY, _SLOT and _PIN"))
                .key(ISSUING).orElseThrow(() -> new IllegalStateException(
                        "The PKCS#11 token has no key '" + ISSUING + "' (wrong slot?)"));
    }

    boolean rootKeyOnline() {
        try {
            return read().isKeyEntry(ROOT);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot open the CA keystore " + file, e);
        }
    }

    /**
     * Exports the root key and certificate as a PKCS#12 protected by {@code exportPassword} (PBES2 AES-256), checks
     * that the export opens with that password and holds the same key, and only then replaces the keystore with one
     * whose root is a certificate entry: the online keystore no longer holds the root key.
     */
    byte[] takeRootKeyOffline(char[] exportPassword) {
        try {
            KeyStore ks = read();
            if (!ks.isKeyEntry(ROOT)) {
                throw new RootKeyOfflineException();
            }
            PrivateKey rootKey = (PrivateKey) ks.getKey(ROOT, password);
            Certificate root = ks.getCertificate(ROOT);
            KeyStore export = KeyStore.getInstance("PKCS12");
            export.load(null, exportPassword);
            export.setKeyEntry(ROOT, rootKey, exportPassword, new Certificate[] {root});
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            export.store(bytes, exportPassword);
            KeyStore check = KeyStore.getInstance("PKCS12");
            check.load(new ByteArrayInputStream(bytes.toByteArray()), exportPassword);
            if (!java.util.Arrays.equals(rootKey.getEncoded(), check.getKey(ROOT, exportPassword).getEncoded())) {
                throw new IllegalStateException("The exported root key does not read back; the keystore is unchanged");
            }
            ks.deleteEntry(ROOT);
            ks.setCertificateEntry(ROOT, root);
            write(ks);
            return bytes.toByteArray();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot take the root key of " + file + " offline", e);
        }
    }

    private KeyStore read() throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password);
            return ks;
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
            if (token.isPresent()) {
                token.get().store(ISSUING, material.issuingKey(), material.issuing(), material.root());
                ks.setCertificateEntry(ISSUING, material.issuing());
            } else {
                ks.setKeyEntry(ISSUING, material.issuingKey(), password,
                        new Certificate[] {material.issuing(), material.root()});
            }
            ks.setEntry(KEK, new KeyStore.SecretKeyEntry(material.kek()), new KeyStore.PasswordProtection(password));
            write(ks);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot write the CA keystore " + file, e);
        }
    }

    private void write(KeyStore ks) throws IOException {
        OwnerOnlyFiles.replace(file, out -> {
            try {
                ks.store(out, password);
            } catch (GeneralSecurityException e) {
                throw new IOException("Cannot encode the CA keystore", e);
            }
        });
    }

    /** Thrown when the root key is asked for but has been taken offline. */
    static final class RootKeyOfflineException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        RootKeyOfflineException() {
            super("The root CA key has been taken offline: this needs the root key (docs/operations.md)");
        }
    }
}
