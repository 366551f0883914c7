package jp.kagi.web.asp;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** The demo ASP service's page: greets the certificate holder by CN and customer, with serial and expiry. */
@WebServlet({"/asp", "/asp/*"})
public class AspServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z")
            .withZone(ZoneId.of("Asia/Tokyo"));

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Holder h = (Holder) request.getAttribute(AspGate.HOLDER);
        AspTexts t = AspTexts.of(request.getLocales());
        String body = "<p id=\"greeting\">" + Html.escape(t.get("asp.greeting", h.commonName(), h.customer())) + "</p>"
                + "<dl><dt>" + Html.escape(t.get("asp.cn")) + "</dt><dd id=\"cn\">" + Html.escape(h.commonName())
                + "</dd><dt>" + Html.escape(t.get("asp.customer")) + "</dt><dd id=\"customer\">"
                + Html.escape(h.customer()) + "</dd><dt>" + Html.escape(t.get("asp.serial")) + "</dt><dd id=\"serial\">"
                + Html.escape(h.serialHex()) + "</dd><dt>" + Html.escape(t.get("asp.notAfter"))
                + "</dt><dd id=\"notAfter\">" + Html.escape(WHEN.format(h.notAfter())) + "</dd></dl>"
                + "<p>" + Html.escape(t.get("asp.explain")) + "</p>";
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Content-Language", t.locale().getLanguage());
        response.getWriter().write(Html.page(t, t.get("asp.title"), body));
    }
}
