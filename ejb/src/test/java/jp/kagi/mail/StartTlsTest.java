package jp.kagi.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class StartTlsTest {

    @Test
    void readsTheThreeModesAndTodaysValues() {
        assertEquals(StartTls.REQUIRED, StartTls.of("required"));
        assertEquals(StartTls.REQUIRED, StartTls.of(" Required "));
        assertEquals(StartTls.OPPORTUNISTIC, StartTls.of("opportunistic"));
        assertEquals(StartTls.OPPORTUNISTIC, StartTls.of("true"), "the old switch keeps its meaning");
        assertEquals(StartTls.OFF, StartTls.of("false"));
    }

    @Test
    void aTypoIsRefusedRatherThanSendingInClear() {
        assertThrows(IllegalStateException.class, () -> StartTls.of("requird"));
    }
}
