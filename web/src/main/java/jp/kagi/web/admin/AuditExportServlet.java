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
import java.util.List;
import jp.kagi.audit.AuditCsv;
import jp.kagi.audit.AuditFilter;
import jp.kagi.audit.AuditQuery;
import jp.kagi.platform.Actor;
import jp.kagi.platform.KagiException;
import jp.kagi.web.i18n.Feedback;
import jp.kagi.web.i18n.Language;

/**
 * The audit viewer's CSV download, under /admin/ so that {@link AdminGuard} demands a signed-in session; the role
 * is checked here again because a URL can be typed. A plain servlet, because JSF has no clean way to stream.
 */
@WebServlet(AuditExportServlet.PATH)
public class AuditExportServlet extends HttpServlet {

    static final String PATH = "/admin/audit-export.csv";
    private static final long serialVersionUID = 1L;

    @Inject
    transient AdminSession session;

    @Inject
    transient Language language;

    @Inject
    transient AuditQuery audit;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!session.isSignedIn()) {
            refuse(response, HttpServletResponse.SC_FORBIDDEN, "error.forbidden", List.of());
            return;
        }
        AuditFilter filter;
        try {
            filter = AuditFilter.of(request.getParameter("actor"), request.getParameter("action"),
                    request.getParameter("objectType"), request.getParameter("objectId"), request.getParameter("from"),
                    request.getParameter("to"), request.getParameter("sourceAddress"));
            // checks the caller (CA admins and auditors) and records the export: reading the log out is worth a record
            audit.exportStarted(new Actor(session.getPrincipal().userId(), request.getRemoteAddr()),
                    session.getPrincipal(), filter);
        } catch (KagiException e) {
            refuse(response, e.kind() == KagiException.Kind.FORBIDDEN ? HttpServletResponse.SC_FORBIDDEN
                    : HttpServletResponse.SC_BAD_REQUEST, e.messageKey(), e.arguments());
            return;
        }
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"audit-log.csv\"");
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        AuditCsv.write(out, cursor -> audit.chunk(session.getPrincipal(), filter, cursor, AuditCsv.CHUNK));
        out.flush();
    }

    private void refuse(HttpServletResponse response, int status, String key, List<Object> arguments)
            throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().println(Feedback.text(language.getLocale(), key, arguments));
    }
}
