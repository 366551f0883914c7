package jp.kagi.web.asp;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import jp.kagi.asp.AspRefusals;
import jp.kagi.asp.RefusalReason;

/**
 * Before any page on 8444: the TLS layer has already required a certificate chaining to Kagi's issuing CA, valid and
 * unrevoked; this refuses what it lets through but the ASP service must not admit (Holder#refusal), with 403, the
 * reason logged once and counted. No certificate at all cannot reach here (need-client-auth), but is refused too.
 */
@WebFilter("/*")
public class AspGate extends HttpFilter {

    private static final long serialVersionUID = 1L;
    static final String HOLDER = AspGate.class.getName() + ".holder";

    @Inject
    private AspRefusals refusals;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        X509Certificate[] certs = (X509Certificate[]) request.getAttribute("jakarta.servlet.request.X509Certificate");
        if (certs == null || certs.length == 0) {
            refuse(request, response, RefusalReason.NO_CERTIFICATE, request.getRemoteAddr());
            return;
        }
        X509Certificate leaf = certs[0];
        Optional<RefusalReason> refusal = Holder.refusal(leaf);
        if (refusal.isPresent()) {
            refuse(request, response, refusal.get(), leaf.getSubjectX500Principal().getName() + " serial "
                    + leaf.getSerialNumber().toString(16));
            return;
        }
        request.setAttribute(HOLDER, Holder.of(leaf));
        chain.doFilter(request, response);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, RefusalReason reason, String who)
            throws IOException {
        refusals.refused(reason, who, "after TLS, before the page");
        AspTexts t = AspTexts.of(request.getLocales());
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(Html.page(t, t.get("asp.refused.title"),
                "<p id=\"refused\">" + Html.escape(t.get("asp.refused." + reason.name())) + "</p>"));
    }
}
