package jp.kagi.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Exports open safely in Excel: no formula runs, quotes and commas survive, Japanese stays readable. */
class CsvTest {

    @Test
    void formulasBecomeText() {
        assertEquals("\"'=cmd|' /C calc'!A0\",\"'+1\",\"'-1\",\"'@SUM(A1)\"\r\n",
                Csv.row(List.of("=cmd|' /C calc'!A0", "+1", "-1", "@SUM(A1)")));
        assertEquals("\"'\tx\"\r\n", Csv.row(List.of("\tx")));
    }

    /** Issue 12: Excel with Japanese input also takes the full-width signs as a formula; line breaks lead too. */
    @Test
    void fullWidthFormulaSignsAndLineBreakLeadersBecomeText() {
        assertEquals("\"'＝cmd|' /C calc'!A0\",\"'＋1\",\"'－1\",\"'＠SUM(A1)\"\r\n",
                Csv.row(List.of("＝cmd|' /C calc'!A0", "＋1", "－1", "＠SUM(A1)")));
        assertEquals("\"'\rx\",\"'\nx\"\r\n", Csv.row(List.of("\rx", "\nx")));
        assertEquals("\"a＝1\",\"ー1\"\r\n", Csv.row(List.of("a＝1", "ー1")), "only a leading sign; the long vowel mark is not a minus");
    }

    @Test
    void quotesCommasAndJapaneseSurvive() {
        assertEquals("\"電算システム\",\"a,b\",\"say \"\"hi\"\"\",\"\"\r\n",
                Csv.row(Arrays.asList("電算システム", "a,b", "say \"hi\"", null)));
    }

    @Test
    void ordinaryValuesAreUntouched() {
        assertEquals("\"dsca00001\",\"2026-11-24T00:00:00Z\",\"0\"\r\n",
                Csv.row(List.of("dsca00001", "2026-11-24T00:00:00Z", 0)));
    }
}
