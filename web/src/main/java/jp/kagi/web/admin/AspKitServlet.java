package jp.kagi.web.admin;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import jp.kagi.kit.AspKit;
import jp.kagi.kit.AspKits;
import jp.kagi.platform.KagiException;
import jp.kagi.web.i18n.Feedback;
import jp.kagi.web.i18n.Language;

/**
 * The customer screen's ASP kit download ({@code ?customer=}), under /admin/ so that {@link AdminGuard} demands a
 * signed-in session. {@link AspKits} decides who gets which kit and audits it; this only maps to HTTP.
 */
@WebServlet(AspKitServlet.PATH)
public class AspKitServlet extends HttpServlet {

    static final String PATH = "/admin/asp-kit.zip";
    private static final long serialVersionUID = 1L;

    @Inject
    transient AdminSession session;

    @Inject
    transient Language language;

    @Inject
    transient AspKits kits;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!session.isSignedIn()) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        AspKit kit;
        try {
            kit = kits.download(session.actor(), session.getPrincipal(), request.getParameter("customer"));
        } catch (KagiException e) {
            response.setStatus(switch (e.kind()) {
                case NOT_FOUND -> HttpServletResponse.SC_NOT_FOUND;
                case UNAVAILABLE -> HttpServletResponse.SC_SERVICE_UNAVAILABLE;
                default -> HttpServletResponse.SC_BAD_REQUEST;
            });
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().println(Feedback.text(language.getLocale(), e.messageKey(), e.arguments()));
            return;
        }
        response.setContentType("application/zip");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + AspKit.FILE_NAME + "\"");
        response.setHeader("Cache-Control", "no-store");
        kit.writeZip(response.getOutputStream());
    }
}
