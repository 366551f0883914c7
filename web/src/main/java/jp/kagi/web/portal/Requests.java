package jp.kagi.web.portal;

import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import jp.kagi.platform.ClientAddress;

/** Where a portal request comes from (X-Forwarded-For only from trusted proxies), for throttling and the audit log. */
final class Requests {

    private Requests() {
    }

    static HttpServletRequest current() {
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        return (HttpServletRequest) external.getRequest();
    }

    static String address() {
        HttpServletRequest request = current();
        return CDI.current().select(ClientAddress.class).get().of(request.getRemoteAddr(),
                Collections.list(request.getHeaders("X-Forwarded-For")));
    }

    static String userAgent() {
        String agent = current().getHeader("User-Agent");
        return agent == null ? "" : agent;
    }
}
