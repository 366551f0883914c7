package jp.kagi.web.admin;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import jp.kagi.issuance.CertificateCsv;
import jp.kagi.issuance.CertificateQuery;
import jp.kagi.issuance.CertificateSearch;
import jp.kagi.platform.KagiException;
import jp.kagi.web.i18n.Feedback;
import jp.kagi.web.i18n.Language;

/**
 * The certificate list's CSV download (certificates and their retrieval state, as the list's search has them),
 * under /admin/ so that {@link AdminGuard} demands a signed-in session; an operator gets its own customers only.
 */
@WebServlet(CertificateExportServlet.PATH)
public class CertificateExportServlet extends HttpServlet {

    static final String PATH = "/admin/certificates-export.csv";
    private static final long serialVersionUID = 1L;

    @Inject
    transient AdminSession session;

    @Inject
    transient Language language;

    @Inject
    transient CertificateQuery certificates;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!session.isSignedIn()) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        CertificateSearch search;
        try {
            search = CertificateSearch.of(request.getParameter("customer"), request.getParameter("status"),
                    request.getParameter("cn"), request.getParameter("expiresWithinDays"),
                    request.getParameter("expiresFrom"), request.getParameter("expiresTo"));
            certificates.exportStarted(session.actor(), session.getPrincipal(), search); // refuses a bad status; audits
        } catch (KagiException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().println(Feedback.text(language.getLocale(), e.messageKey(), e.arguments()));
            return;
        }
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"certificates.csv\"");
        CertificateCsv.write(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8),
                page -> certificates.list(session.getPrincipal(), search, page, CertificateQuery.MAX_PAGE_SIZE));
    }
}
