package jp.kagi.web.portal;

import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.servlet.http.HttpServletRequest;

/** Where a portal request comes from, for throttling and the audit log. */
final class Requests {

    private Requests() {
    }

    static HttpServletRequest current() {
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        return (HttpServletRequest) external.getRequest();
    }

    static String address() {
        return current().getRemoteAddr();
    }

    static String userAgent() {
        String agent = current().getHeader("User-Agent");
        return agent == null ? "" : agent;
    }
}
