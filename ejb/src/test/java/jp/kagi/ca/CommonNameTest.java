package jp.kagi.ca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The CN of the seed manual: dscaNNNNN, zero-padded to five digits, growing past them without breaking. */
class CommonNameTest {

    @ParameterizedTest
    @CsvSource({"1,dsca00001", "42,dsca00042", "99999,dsca99999", "100000,dsca100000", "1234567,dsca1234567"})
    void numbersArePaddedToFiveDigits(long number, String expected) {
        assertEquals(expected, new CommonName("dsca", number).value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "DSCA", "1dsca", "ds-ca", "abcdefghijklmnopq"})
    void aPrefixMustBeLowerCaseLettersOrDigitsStartingWithALetter(String prefix) {
        assertThrows(IllegalArgumentException.class, () -> new CommonName(prefix, 1));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1})
    void numbersStartAtOne(long number) {
        assertThrows(IllegalArgumentException.class, () -> new CommonName("dsca", number));
    }
}
