package jp.kagi.bulk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ImportCountsTest {

    @Test
    void progressCountsOnlyTheRowsTheJobWorksOn() {
        ImportCounts counts = new ImportCounts();
        assertEquals(100, counts.percentDone(), "nothing to do is done");
        counts.add(ImportRowStatus.REJECTED, 50);
        counts.add(ImportRowStatus.PENDING, 30);
        counts.add(ImportRowStatus.ACCOUNT_OPENED, 10);
        counts.add(ImportRowStatus.DONE, 50);
        counts.add(ImportRowStatus.FAILED, 10);
        assertEquals(60, counts.percentDone());
        counts.add(ImportRowStatus.DONE, 40);
        counts.add(ImportRowStatus.PENDING, -30);
        counts.add(ImportRowStatus.ACCOUNT_OPENED, -10);
        assertEquals(100, counts.percentDone());
    }
}
