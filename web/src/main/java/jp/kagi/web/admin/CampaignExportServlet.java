package jp.kagi.web.admin;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import jp.kagi.platform.Csv;
import jp.kagi.platform.KagiException;
import jp.kagi.platform.PageRequest;
import jp.kagi.renewal.CampaignRowView;
import jp.kagi.renewal.RenewalCampaigns;
import jp.kagi.web.i18n.Feedback;
import jp.kagi.web.i18n.Language;

/**
 * A campaign's accounts as CSV for Excel (UTF-8 with BOM, formula-safe), filtered by state as the page has them
 * ({@code state=NOT_RETRIEVED}: the stragglers), written page by page. Under /admin/ so that {@link AdminGuard}
 * demands a session; an operator gets its own customers' rows only (the service scopes them).
 */
@WebServlet(CampaignExportServlet.PATH)
public class CampaignExportServlet extends HttpServlet {

    static final String PATH = "/admin/campaign-export.csv";
    private static final long serialVersionUID = 1L;

    @Inject
    transient AdminSession session;

    @Inject
    transient Language language;

    @Inject
    transient RenewalCampaigns campaigns;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!session.isSignedIn()) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        String state = request.getParameter("state");
        long id;
        try {
            id = Long.parseLong(String.valueOf(request.getParameter("id")).strip());
        } catch (NumberFormatException e) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        try {
            campaigns.countRows(session.getPrincipal(), id, state); // unknown campaign or bad state: refused first
        } catch (KagiException e) {
            response.setStatus(e.kind() == KagiException.Kind.NOT_FOUND ? HttpServletResponse.SC_NOT_FOUND
                    : HttpServletResponse.SC_BAD_REQUEST);
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().println(Feedback.text(language.getLocale(), e.messageKey(), e.arguments()));
            return;
        }
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"campaign-" + id + ".csv\"");
        write(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8),
                page -> campaigns.rows(session.getPrincipal(), id, state, new PageRequest(page, CampaignBoard.MAX_PAGE)));
    }

    static void write(Writer out, java.util.function.IntFunction<List<CampaignRowView>> pages) throws IOException {
        out.write(Csv.BOM);
        out.write(Csv.row(List.of("userId", "displayName", "email", "customer", "state", "oldCn", "oldNotAfter",
                "newCn", "newSerial", "retrievedAt", "installedAt", "mailStatus", "reminders", "expiryWarnedAt", "messageKey")));
        for (int page = 0; ; page++) {
            List<CampaignRowView> rows = pages.apply(page);
            for (CampaignRowView r : rows) {
                out.write(Csv.row(Arrays.asList(r.userId(), r.displayName(), r.email(), r.customer(), r.state(),
                        r.oldCommonName(), r.oldNotAfter(), r.newCommonName(), r.newSerial(), r.retrievedAt(),
                        r.installedAt(), r.mailStatus(), r.reminders(), r.expiryWarnedAt(), r.messageKey())));
            }
            if (rows.size() < CampaignBoard.MAX_PAGE) {
                break;
            }
        }
        out.flush();
    }
}
