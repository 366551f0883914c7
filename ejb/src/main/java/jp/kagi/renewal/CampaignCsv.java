package jp.kagi.renewal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.function.Function;
import jp.kagi.platform.Csv;
import jp.kagi.platform.PageRequest;

/** A campaign's rows (e.g. its stragglers) as Excel-safe CSV, read page by page while it streams. */
public final class CampaignCsv {

    static final int PAGE = 1000;

    private CampaignCsv() {
    }

    public static void write(Writer out, Function<PageRequest, List<CampaignRowView>> pages) {
        try {
            out.write(Csv.BOM);
            out.write(Csv.row(List.of("userId", "displayName", "email", "customer", "state", "oldCommonName",
                    "oldNotAfter", "newCommonName", "newSerial", "retrievedAt", "installedAt", "renewalMail",
                    "reminders", "expiryWarnedAt")));
            for (int page = 0; ; page++) {
                List<CampaignRowView> rows = pages.apply(new PageRequest(page, PAGE));
                for (CampaignRowView r : rows) {
                    out.write(Csv.row(java.util.Arrays.asList(r.userId(), r.displayName(), r.email(), r.customer(),
                            r.state(), r.oldCommonName(), r.oldNotAfter(), r.newCommonName(), r.newSerial(),
                            r.retrievedAt(), r.installedAt(), r.mailStatus(), r.reminders(), r.expiryWarnedAt())));
                }
                if (rows.size() < PAGE) {
                    break;
                }
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
