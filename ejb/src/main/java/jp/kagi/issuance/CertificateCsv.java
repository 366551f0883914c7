package jp.kagi.issuance;

import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import jp.kagi.platform.Csv;

/**
 * The certificate list with its retrieval state as CSV for Excel (UTF-8 with BOM, formula-safe), written page by
 * page as the pages are read, so that a large list is never held whole. Shared by the REST export and the screen.
 */
public final class CertificateCsv {

    private CertificateCsv() {
    }

    /** Writes the header and every page {@code pages} gives (page 0, 1, … until a short one). */
    public static void write(Writer out, IntFunction<List<CertificateView>> pages) throws IOException {
        out.write(Csv.BOM);
        out.write(Csv.row(List.of("cn", "subject", "serial", "customer", "userId", "keyType", "status", "notBefore",
                "notAfter", "issuedAt", "requestId", "retrievalStatus", "firstRetrievedAt", "locksAt", "installedAt")));
        for (int page = 0; ; page++) {
            List<CertificateView> rows = pages.apply(page);
            for (CertificateView c : rows) {
                out.write(Csv.row(Arrays.asList(c.cn(), c.subject(), c.serial(), c.customer(), c.userId(), c.keyType(),
                        c.status(), c.notBefore(), c.notAfter(), c.issuedAt(), c.requestId(), c.retrievalStatus(),
                        c.firstRetrievedAt(), c.locksAt(), c.installedAt())));
            }
            if (rows.size() < CertificateQuery.MAX_PAGE_SIZE) {
                break;
            }
        }
        out.flush();
    }
}
