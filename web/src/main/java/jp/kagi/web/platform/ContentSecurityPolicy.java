package jp.kagi.web.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;

/**
 * A Content-Security-Policy on every response of the application (REST, CRL, health, static files, error pages):
 * no script at all, styles and images from this origin only. The JSF screens need script: there PrimeFaces
 * (primefaces.CSP in web.xml) sets its own policy with a nonce per response, and that one replaces this default, so
 * that a screen carries one policy, not two whose intersection would block PrimeFaces' nonce scripts. Mapped in
 * web.xml, not by annotation: declared mappings run before the annotated guards, so that their redirects and
 * refusals carry the policy too.
 */
public class ContentSecurityPolicy extends HttpFilter {

    static final String HEADER = "Content-Security-Policy";

    /** For everything that is not a JSF screen. */
    public static final String STATIC = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self';"
            + " base-uri 'none'; frame-ancestors 'none'";

    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!response.isCommitted()) {
            response.setHeader(HEADER, STATIC);
        }
        chain.doFilter(new PlainPostback(request), new OnePolicy(response));
    }

    /** Answers PrimeFaces' nonce parameter for a form sent without PrimeFaces' script ({@link NonceForPlainPostback}). */
    private static final class PlainPostback extends HttpServletRequestWrapper {

        PlainPostback(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getParameter(String name) {
            String value = super.getParameter(name);
            if (value == null && NonceForPlainPostback.PARAMETER.equals(name)) {
                Object offered = getAttribute(NonceForPlainPostback.ATTRIBUTE);
                return offered == null ? null : offered.toString();
            }
            return value;
        }
    }

    /** Turns a second policy (PrimeFaces' addHeader) into a replacement of the default one. */
    private static final class OnePolicy extends HttpServletResponseWrapper {

        OnePolicy(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void addHeader(String name, String value) {
            if (HEADER.equalsIgnoreCase(name)) {
                super.setHeader(name, value);
            } else {
                super.addHeader(name, value);
            }
        }
    }
}
