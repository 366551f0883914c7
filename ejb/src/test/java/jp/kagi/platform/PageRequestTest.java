package jp.kagi.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Paging parameters as text: defaults when blank, translated refusal when out of range or not a number. */
class PageRequestTest {

    @Test
    void blanksTakeDefaults() {
        assertEquals(new PageRequest(0, 100), PageRequest.parse(null, " ", 100, 500));
        assertEquals(new PageRequest(3, 20), PageRequest.parse(" 3", "20 ", 100, 500));
        assertEquals(60, PageRequest.parse("3", "20", 100, 500).offset());
    }

    @Test
    void outOfRangeOrGarbageIsRefused() {
        for (String[] bad : new String[][] {{"-1", "10"}, {"0", "0"}, {"0", "501"}, {"x", "10"}, {"1", "1e3"}}) {
            KagiException e = assertThrows(KagiException.class, () -> PageRequest.parse(bad[0], bad[1], 100, 500));
            assertEquals("error.page", e.messageKey());
        }
    }

    @Test
    void offsetBeyondIntegerIsRefused() {
        assertEquals("error.pageTooFar", assertThrows(KagiException.class,
                () -> PageRequest.parse("2147483647", "500", 100, 500)).messageKey());
    }
}
