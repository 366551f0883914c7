package jp.kagi.ca;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The optional PKCS#11 token (an HSM, or SoftHSM2 in tests) that holds the issuing CA's private key through the
 * JDK's SunPKCS11 provider. The key is generated in the token as a token object that is sensitive and not
 * extractable, so Kagi only ever holds a handle: every signature (client certificates, CRLs, the OCSP responder's
 * certificate) is computed by the token. The certificates stay in the CA keystore file.
 *
 * <p>Settings: {@code kagi.ca.pkcs11.library} (the module, e.g. /usr/lib/softhsm/libsofthsm2.so; unset = no token),
 * {@code kagi.ca.pkcs11.slot} (slot id) or {@code kagi.ca.pkcs11.slot.index} (position in the slot list, default
 * 0), and {@code kagi.ca.pkcs11.pin} or {@code kagi.ca.pkcs11.pin.file} (a file holding the user PIN).
 */
final class Pkcs11Token {

    /** One provider per configuration and JVM: SunPKCS11 initialises the module once per library. */
    static final String PROVIDER_NAME = "SunPKCS11-KagiCa";
    private static final Map<String, Provider> PROVIDERS = new ConcurrentHashMap<>();

    private final String config;
    private final char[] pin;

    Pkcs11Token(String library, Optional<String> slot, Optional<String> slotIndex, char[] pin) {
        String where = slot.map(s -> "slot = " + Long.parseLong(s.strip()))
                .orElseGet(() -> "slotListIndex = " + Integer.parseInt(slotIndex.orElse("0").strip()));
        // The issuing key is made a token object, sensitive and not extractable, when it is generated: the token
        // then refuses to reveal it (CKA_EXTRACTABLE=false cannot be turned back on).
        this.config = "--name = KagiCa\nlibrary = " + library + "\n" + where + "\n"
                + "attributes(generate, CKO_PRIVATE_KEY, *) = {\n  CKA_TOKEN = true\n  CKA_PRIVATE = true\n"
                + "  CKA_SENSITIVE = true\n  CKA_EXTRACTABLE = false\n  CKA_SIGN = true\n}\n"
                + "attributes(generate, CKO_PUBLIC_KEY, *) = {\n  CKA_TOKEN = false\n}\n";
        this.pin = pin.clone();
    }

    /** The token the settings name, or empty when {@code kagi.ca.pkcs11.library} is unset (keys in the file). */
    static Optional<Pkcs11Token> from(Function<String, Optional<String>> settings) {
        Optional<String> library = settings.apply("kagi.ca.pkcs11.library").filter(s -> !s.isBlank());
        if (library.isEmpty()) {
            return Optional.empty();
        }
        char[] pin = settings.apply("kagi.ca.pkcs11.pin").filter(s -> !s.isEmpty()).map(String::toCharArray)
                .or(() -> settings.apply("kagi.ca.pkcs11.pin.file").map(Pkcs11Token::readPin))
                .orElseThrow(() -> new IllegalStateException(
                        "KAGI_CA_PKCS11_LIBRARY is set but neither KAGI_CA_PKCS11_PIN nor KAGI_CA_PKCS11_PIN_FILE"));
        try {
            return Optional.of(new Pkcs11Token(library.get().strip(), settings.apply("kagi.ca.pkcs11.slot"),
                    settings.apply("kagi.ca.pkcs11.slot.index"), pin));
        } catch (NumberFormatException e) {
            throw new IllegalStateException("KAGI_CA_PKCS11_SLOT / KAGI_CA_PKCS11_SLOT_INDEX must be a number", e);
        }
    }

    private static char[] readPin(String file) {
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip().toCharArray();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the PKCS#11 PIN file " + file, e);
        }
    }

    /** Generates an RSA key pair whose private half is born in the token and never leaves it. */
    KeyPair generate(int bits) {
        try {
            keyStore(); // logs in: a private token object can only be made in a user session
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA", provider());
            generator.initialize(bits);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The PKCS#11 token cannot generate an RSA-" + bits + " key", e);
        }
    }

    /** Labels the token's key with {@code alias} and stores its certificate chain beside it. */
    void store(String alias, PrivateKey key, X509Certificate... chain) {
        try {
            keyStore().setKeyEntry(alias, key, null, chain);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot store the key '" + alias + "' in the PKCS#11 token", e);
        }
    }

    /** A handle on the token's key {@code alias}; empty when the token has none. */
    Optional<PrivateKey> key(String alias) {
        try {
            Key key = keyStore().getKey(alias, null);
            return key instanceof PrivateKey p ? Optional.of(p) : Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read the key '" + alias + "' from the PKCS#11 token", e);
        }
    }

    Optional<Certificate> certificate(String alias) {
        try {
            return Optional.ofNullable(keyStore().getCertificate(alias));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read the certificate '" + alias + "' from the PKCS#11 token", e);
        }
    }

    /**
     * The configured provider, installed (last, so it is never preferred for software keys) so that the signing
     * code's provider-neutral {@code Signature.getInstance(..).initSign(key)} reaches the token for its keys. A
     * redeployment finds the installed one again: keys of one provider instance only work with that instance.
     */
    Provider provider() {
        return PROVIDERS.computeIfAbsent(config, c -> {
            synchronized (Pkcs11Token.class) {
                Provider installed = Security.getProvider(PROVIDER_NAME);
                if (installed != null) {
                    return installed;
                }
                Provider base = Security.getProvider("SunPKCS11");
                if (base == null) {
                    throw new IllegalStateException("This JVM has no SunPKCS11 provider (module jdk.crypto.cryptoki)");
                }
                try {
                    Provider configured = base.configure(c);
                    Security.addProvider(configured);
                    return configured;
                } catch (RuntimeException e) {
                    throw new IllegalStateException("Cannot open the PKCS#11 token (KAGI_CA_PKCS11_LIBRARY / SLOT)", e);
                }
            }
        });
    }

    private KeyStore keyStore() throws GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS11", provider());
        try {
            ks.load(null, pin);
        } catch (IOException e) {
            throw new GeneralSecurityException("Cannot log in to the PKCS#11 token (wrong KAGI_CA_PKCS11_PIN?)", e);
        }
        return ks;
    }
}
