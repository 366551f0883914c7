package jp.kagi.bulk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.kagi.platform.KagiException;
import org.junit.jupiter.api.Test;

class ImportValidatorTest {

    private static final Map<String, Boolean> CUSTOMERS = Map.of("Acme", true, "Gone", false, "Other", true);

    private final ImportValidator validator = new ImportValidator(c -> !c.equals("Other"), new ImportValidator.Customers() {
        @Override
        public Boolean active(String name) {
            return CUSTOMERS.get(name);
        }

        @Override
        public Set<String> emailKeys(String name) {
            return name.equals("Acme") ? Set.of("taken@example.jp") : Set.of();
        }
    });

    private List<RowCheck> check(String csv) {
        return ImportFile.read(csv.getBytes(StandardCharsets.UTF_8)).check(validator);
    }

    @Test
    void everyRowGetsItsOwnVerdict() {
        List<RowCheck> rows = check("""
                email,customer,displayName,language
                a@example.jp,Acme,Alice,en
                A@EXAMPLE.JP,Acme,Alice again,ja
                TAKEN@example.jp,Acme,Taken,ja
                b@example.jp,Nobody,Bob,ja
                c@example.jp,Gone,Carol,ja
                d@example.jp,Other,Dave,ja
                not-an-address,Acme,Eve,ja
                f@example.jp,Acme,,ja
                g@example.jp,Acme,Grace,fr
                h@example.jp,Acme,Heidi
                i@example.jp,Acme,Ivan,ja,extra
                j@example.jp,Acme,=cmd|' /C calc'!A0,ja
                """);
        assertEquals(12, rows.size());
        assertTrue(rows.get(0).valid());
        assertEquals("en", rows.get(0).language());
        assertEquals("error.import.duplicate", rows.get(1).problem());
        assertEquals(List.of("A@EXAMPLE.JP", "2"), rows.get(1).arguments());
        assertEquals("error.accountExists", rows.get(2).problem());
        assertEquals("error.customerUnknown", rows.get(3).problem());
        assertEquals("error.customerInactive", rows.get(4).problem());
        assertEquals("error.customerUnknown", rows.get(5).problem(), "another operator's customer looks unknown");
        assertEquals("error.email", rows.get(6).problem());
        assertEquals("error.required", rows.get(7).problem());
        assertEquals("error.language", rows.get(8).problem());
        assertEquals("error.import.fieldCount", rows.get(9).problem());
        assertEquals("error.import.fieldCount", rows.get(10).problem());
        assertTrue(rows.get(11).valid(), "a formula-like name is only text here; the export neutralises it");
        assertEquals(8, rows.get(6).line());
    }

    @Test
    void eachCustomerIsLookedUpOnceWhateverTheNumberOfRows() {
        int[] lookups = new int[2];
        ImportValidator counting = new ImportValidator(c -> true, new ImportValidator.Customers() {
            @Override
            public Boolean active(String name) {
                lookups[0]++;
                return CUSTOMERS.get(name);
            }

            @Override
            public Set<String> emailKeys(String name) {
                lookups[1]++;
                return Set.of();
            }
        });
        StringBuilder csv = new StringBuilder("customer,email,displayName\n");
        for (int i = 0; i < 500; i++) {
            csv.append(i % 2 == 0 ? "Acme" : "Nobody").append(",u").append(i).append("@example.jp,U\n");
        }
        ImportFile.read(csv.toString().getBytes(StandardCharsets.UTF_8)).check(counting);
        assertEquals(2, lookups[0], "Acme and Nobody, once each");
        assertEquals(1, lookups[1], "existing addresses of Acme, once");
    }

    @Test
    void languageMayBeLeftOutAndJapaneseHeadersAreUnderstood() {
        List<RowCheck> rows = check("顧客,メールアドレス,氏名\nAcme,x@example.jp,山田 太郎\n");
        assertTrue(rows.get(0).valid());
        assertEquals("ja", rows.get(0).language());
    }

    @Test
    void wrongColumnsRefuseTheWholeFile() {
        KagiException e = assertThrows(KagiException.class, () -> check("name,mail\nAcme,x@example.jp\n"));
        assertEquals("error.import.columns", e.messageKey());
        assertEquals(List.of("name,mail", ImportColumns.EXPECTED), e.arguments());
        assertEquals("error.import.columns", assertThrows(KagiException.class,
                () -> check("customer,email,email,displayName\nA,b@example.jp,c@example.jp,d\n")).messageKey());
    }

    /** Issue 12: a display name or customer with a right-to-left override is refused, alone, with its reason. */
    @Test
    void rowsWithTextDirectionControlsAreRefused() {
        List<RowCheck> rows = check("customer,email,displayName\nAcme,a@example.jp,Mallory \u202Egnp.exe\n"
                + "Ac\u2066me,b@example.jp,Bob\nAcme,c@example.jp,Carol\n");
        assertEquals("error.bidiControl", rows.get(0).problem());
        assertEquals(List.of("displayName"), rows.get(0).arguments());
        assertEquals("error.bidiControl", rows.get(1).problem());
        assertTrue(rows.get(2).valid());
    }

    @Test
    void emptyAndOversizedFilesAreRefused() {
        assertEquals("error.import.empty", assertThrows(KagiException.class, () -> check("")).messageKey());
        assertEquals("error.import.empty", assertThrows(KagiException.class,
                () -> check("customer,email,displayName\n\n")).messageKey());
        StringBuilder big = new StringBuilder("customer,email,displayName\n");
        for (int i = 0; i <= ImportLimits.DEFAULT_ROWS; i++) {
            big.append("Acme,u").append(i).append("@example.jp,U\n");
        }
        KagiException e = assertThrows(KagiException.class, () -> check(big.toString()));
        assertEquals("error.import.rowLimit", e.messageKey());
    }

    @Test
    void aHundredThousandRowsAreCheckedInOnePass() {
        StringBuilder big = new StringBuilder("customer,email,displayName\n");
        for (int i = 0; i < ImportLimits.DEFAULT_ROWS; i++) {
            big.append("Acme,u").append(i).append("@example.jp,User ").append(i).append('\n');
        }
        List<RowCheck> rows = check(big.toString());
        assertEquals(ImportLimits.DEFAULT_ROWS, rows.size());
        assertTrue(rows.stream().allMatch(RowCheck::valid));
    }
}
