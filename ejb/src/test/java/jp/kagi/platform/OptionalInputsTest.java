package jp.kagi.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Optional contact and mail-setting fields: blank is "not set", anything else must fit. */
class OptionalInputsTest {

    @Test
    void blankIsNotSet() {
        assertNull(OptionalInputs.text("contactName", "   ", 10));
        assertNull(OptionalInputs.phone("contactPhone", ""));
        assertNull(OptionalInputs.url("manualUrl", null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"058-279-3458", "+81 58 279 3458", "(058) 279-3458", "0582793458"})
    void phoneNumbersAsPeopleWriteThem(String phone) {
        assertEquals(phone, OptionalInputs.phone("supportPhone", " " + phone + " "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"call me", "---", "058-279-3458 ext. 5", "０５８"})
    void notPhoneNumbers(String phone) {
        assertEquals("error.phone", assertThrows(KagiException.class,
                () -> OptionalInputs.phone("supportPhone", phone)).messageKey());
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://example.jp/manual.pdf", "http://www.dsk-idc.jp/dskmpki/manual/dsk-mpki-manual-02.pdf"})
    void webAddresses(String url) {
        assertEquals(url, OptionalInputs.url("manualUrl", url));
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(1)", "ftp://example.jp/x", "/portal/help", "https://", "http://exa mple.jp/"})
    void notWebAddresses(String url) {
        assertEquals("error.url", assertThrows(KagiException.class,
                () -> OptionalInputs.url("manualUrl", url)).messageKey());
    }

    @Test
    void textIsCheckedLikeRequiredText() {
        assertEquals("error.tooLong", assertThrows(KagiException.class,
                () -> OptionalInputs.text("supportHours", "x".repeat(11), 10)).messageKey());
        assertEquals("error.controlCharacters", assertThrows(KagiException.class,
                () -> OptionalInputs.text("supportName", "a\u0007b", 10)).messageKey());
        assertEquals("サポート課", OptionalInputs.text("supportName", " サポート課 ", 10));
    }
}
