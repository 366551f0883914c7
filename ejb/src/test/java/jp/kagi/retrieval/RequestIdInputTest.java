package jp.kagi.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jp.kagi.platform.KagiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Request ID as the user types it: exact, with a precise message for each way it can be off. */
class RequestIdInputTest {

    @Test
    void anExactRequestIdPasses() {
        assertEquals("ABCDEFGHJKMNPQRS", RetrievalService.checkedRequestId("ABCDEFGHJKMNPQRS"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "' ABCDEFGHJKMNPQRS'|error.requestIdBlanks",
        "'ABCDEFGHJKMNPQRS '|error.requestIdBlanks",
        "abcdefghjkmnpqrs|error.requestIdCase",
        "ABCDEFGHJKMNPQR|error.requestIdFormat",
        "ABCDEFGHJKMNPQRST|error.requestIdFormat",
        "ABCDEFGHJKMNPQR0|error.requestIdFormat",
        "ABCDEFGHJKMNPQRI|error.requestIdFormat",
        "ABCDEFGHJKMNPQ-S|error.requestIdFormat",
        "''|error.required"
    })
    void eachWayOfBeingOffHasItsOwnMessage(String input, String key) {
        KagiException e = assertThrows(KagiException.class, () -> RetrievalService.checkedRequestId(input));
        assertEquals(key, e.messageKey());
    }

    @Test
    void aMegabyteIsRefusedWithoutLookingFurther() {
        KagiException e = assertThrows(KagiException.class,
                () -> RetrievalService.checkedRequestId("A".repeat(1_000_000)));
        assertEquals("error.requestIdFormat", e.messageKey());
    }
}
