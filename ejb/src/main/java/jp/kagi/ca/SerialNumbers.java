package jp.kagi.ca;

import java.math.BigInteger;
import java.security.SecureRandom;

/** Serial numbers per SPEC.md: 16 bytes from a CSPRNG, positive, never zero (RFC 5280 4.1.2.2 allows 20 octets). */
public final class SerialNumbers {

    public static final int BYTES = 16;

    private SerialNumbers() {
    }

    public static BigInteger next(SecureRandom random) {
        byte[] bytes = new byte[BYTES];
        BigInteger serial;
        do {
            random.nextBytes(bytes);
            bytes[0] &= 0x7F; // positive in DER's two's complement without a leading zero octet
            serial = new BigInteger(1, bytes);
        } while (serial.signum() == 0);
        return serial;
    }

    public static String hex(BigInteger serial) {
        String hex = serial.toString(16).toUpperCase(java.util.Locale.ROOT);
        return hex.length() % 2 == 0 ? hex : "0" + hex;
    }
}
