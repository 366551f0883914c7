package jp.kagi.web.asp;

import jakarta.ejb.EJB;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import jp.kagi.selftest.SelfTestCertificate;
import jp.kagi.selftest.SelfTestResult;
import jp.kagi.selftest.SelfTests;

/**
 * The self-test (証明書の動作確認 / Test my certificate): which certificate the browser presented, where it stands
 * (SelfTests decides, and records the first success), whether it is the newest of the account and what to do next.
 * AspGate has already refused what the ASP service must not admit; the TLS layer refused revoked, expired and
 * foreign certificates, which the page can therefore only name in general (selftest.refusedElsewhere).
 */
@WebServlet({"/selftest", "/selftest/*"})
public class SelfTestServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z")
            .withZone(ZoneId.of("Asia/Tokyo"));

    @EJB
    private SelfTests selfTests;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        X509Certificate[] certs = (X509Certificate[]) request.getAttribute("jakarta.servlet.request.X509Certificate");
        SelfTestResult result = selfTests.examine(certs == null || certs.length == 0 ? null : certs[0],
                request.getRemoteAddr());
        AspTexts t = AspTexts.of(request.getLocales());
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Content-Language", t.locale().getLanguage());
        response.getWriter().write(Html.page(t, t.get("selftest.title"), body(t, result)));
    }

    static String body(AspTexts t, SelfTestResult r) {
        StringBuilder b = new StringBuilder();
        SelfTestCertificate p = r.presented();
        if (p != null) {
            b.append("<h2>").append(Html.escape(t.get("selftest.presented"))).append("</h2><dl>")
                    .append(item(t, "selftest.cn", "cn", p.cn()))
                    .append(item(t, "selftest.customer", "customer", p.customer()))
                    .append(item(t, "selftest.serial", "serial", p.serial()))
                    .append(item(t, "selftest.notAfter", "notAfter", when(p.notAfter()))).append("</dl>");
        }
        b.append("<dl>").append(item(t, "selftest.state", "state", t.get("selftest.state." + r.state().name())))
                .append("</dl>");
        Object[] args = r.messageArguments().toArray();
        if (r.newest()) {
            b.append(para("newest", t.get("selftest.newest")));
        } else if (r.newer() != null) {
            b.append(para("newest", t.get("selftest.notNewest", args)));
        }
        b.append(para("advice", t.get(r.advice().messageKey(), args)));
        if (r.installedAt() != null) {
            if (r.firstSuccess()) {
                b.append(para("installedFirst", t.get("selftest.installedFirst")));
            }
            b.append("<dl>").append(item(t, "selftest.installedAt", "installedAt", when(r.installedAt())))
                    .append("</dl>");
        }
        if (!r.passed()) {
            b.append(para("refusedElsewhere", t.get("selftest.refusedElsewhere")));
        }
        return b.toString();
    }

    private static String item(AspTexts t, String label, String id, String value) {
        return "<dt>" + Html.escape(t.get(label)) + "</dt><dd id=\"" + id + "\">" + Html.escape(value == null ? ""
                : value) + "</dd>";
    }

    private static String para(String id, String text) {
        return "<p id=\"" + id + "\">" + Html.escape(text) + "</p>";
    }

    private static String when(Instant instant) {
        return instant == null ? "" : WHEN.format(instant);
    }
}
