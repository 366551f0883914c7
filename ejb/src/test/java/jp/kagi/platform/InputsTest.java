package jp.kagi.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What callers send is checked once, the same way everywhere, with a message key per problem. */
class InputsTest {

    @ParameterizedTest
    @ValueSource(strings = {"taro@example.jp", "a.b+tag@sub.example.co.jp", "x@y.io"})
    void plausibleAddressesPass(String address) {
        assertEquals(address, Inputs.email("email", " " + address + " "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"no-at", "a@b", "a@@example.jp", "a b@example.jp", "a@-example.jp", "<a>@example.jp"})
    void impossibleAddressesFail(String address) {
        assertKey("error.email", () -> Inputs.email("email", address));
    }

    @Test
    void eachProblemHasItsKey() {
        assertKey("error.required", () -> Inputs.text("name", "  ", 10));
        assertKey("error.tooLong", () -> Inputs.text("name", "長".repeat(11), 10));
        assertEquals("長".repeat(10), Inputs.text("name", "長".repeat(10), 10));
        assertKey("error.controlCharacters", () -> Inputs.text("name", "a\u0007b", 10));
        assertKey("error.notUtf8", () -> Inputs.text("name", "a\uFFFDb", 10));
        assertKey("error.language", () -> Inputs.language("language", "fr"));
        assertEquals("ja", Inputs.language("language", null), "Japanese unless told otherwise");
        assertEquals("en", Inputs.language("language", " EN "));
    }

    /** Issue 12: text-direction controls would make a name show as something else; refused wherever text is read. */
    @ParameterizedTest
    @ValueSource(strings = {"\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069",
            "\u200E", "\u200F", "\u061C"})
    void textDirectionControlsAreRefusedInNames(String control) {
        assertKey("error.bidiControl", () -> Inputs.text("displayName", "山田" + control + "太郎", 20));
        assertKey("error.bidiControl", () -> Inputs.email("email", "taro" + control + "@example.jp"));
        assertKey("error.bidiControl", () -> Inputs.organizationalUnit("name", "Acme " + control + "gnp.exe"));
        assertKey("error.bidiControl", () -> OptionalInputs.text("contactName", control + "x", 20));
    }

    @Test
    void rightToLeftLettersAndOtherInvisibleButHarmlessCharactersStayAllowed() {
        assertEquals("שלום", Inputs.text("displayName", "שלום", 20));
        assertEquals("山田\u200B太郎", Inputs.text("displayName", "山田\u200B太郎", 20), "zero-width space is not a direction control");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a,b", "a=b", "a+b", "a\"b", "a\\b", "a<b", "a;b", "a#b", "a/b"})
    void organizationalUnitsCannotBendTheDn(String name) {
        assertKey("error.dnCharacters", () -> Inputs.organizationalUnit("name", name));
    }

    @Test
    void japaneseOrganizationalUnitsAreFine() {
        assertEquals("株式会社電算システム", Inputs.organizationalUnit("name", "株式会社電算システム"));
    }

    private static void assertKey(String key, org.junit.jupiter.api.function.Executable call) {
        assertEquals(key, assertThrows(KagiException.class, call).messageKey());
    }
}
