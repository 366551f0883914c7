package jp.kagi.ca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Serials: 16 CSPRNG bytes, positive, far above the 64 random bits the CA/B rules ask for. */
class SerialNumbersTest {

    private final SecureRandom random = new SecureRandom();

    @Test
    void serialsArePositiveAndLong() {
        for (int i = 0; i < 1000; i++) {
            BigInteger serial = SerialNumbers.next(random);
            assertTrue(serial.signum() > 0);
            assertTrue(serial.bitLength() >= 64 && serial.bitLength() <= 127, "bits: " + serial.bitLength());
            assertTrue(serial.toByteArray().length <= 16, "fits 16 octets without a sign byte");
        }
    }

    @Test
    void serialsDoNotRepeat() {
        Set<BigInteger> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertTrue(seen.add(SerialNumbers.next(random)));
        }
    }

    @Test
    void hexIsUpperCaseWithAnEvenNumberOfDigits() {
        assertEquals("0F", SerialNumbers.hex(BigInteger.valueOf(15)));
        assertEquals("7B06A277", SerialNumbers.hex(new BigInteger("7b06a277", 16)));
    }
}
