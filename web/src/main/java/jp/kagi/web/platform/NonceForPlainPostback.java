package jp.kagi.web.platform;

import jakarta.faces.context.FacesContext;
import jakarta.faces.event.PhaseEvent;
import jakarta.faces.event.PhaseId;
import jakarta.faces.event.PhaseListener;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/**
 * PrimeFaces' CSP mode keeps a view's nonce in the view map and, on every postback, wants the form to send it back
 * as the parameter {@code primefaces.nonce}, which PrimeFaces' script adds to the form. A form sent without that
 * script (JavaScript off, or a plain HTTP client) would end in an error page ("Missing CSP nonce"). For such a full,
 * non-Ajax postback this listener offers the view's own nonce (or, for a view that holds none, a new one in
 * PrimeFaces' format) as that parameter (through {@link ContentSecurityPolicy}'s request wrapper). Nothing is
 * weakened: the nonce is in the page anyway, and a full postback renders a new page under a policy of its own.
 */
public class NonceForPlainPostback implements PhaseListener {

    static final String PARAMETER = "primefaces.nonce";
    static final String ATTRIBUTE = NonceForPlainPostback.class.getName();
    private static final long serialVersionUID = 1L;

    @Override
    public void afterPhase(PhaseEvent event) {
        FacesContext context = event.getFacesContext();
        if (!context.isPostback() || context.getPartialViewContext().isAjaxRequest()
                || context.getExternalContext().getRequestParameterMap().get(PARAMETER) != null) {
            return; // a first visit, an Ajax request, or PrimeFaces' own script sent it: PrimeFaces' rules stand
        }
        Map<String, Object> view = context.getViewRoot() == null ? null : context.getViewRoot().getViewMap(false);
        Object nonce = view == null ? null : view.get(PARAMETER);
        context.getExternalContext().getRequestMap().put(ATTRIBUTE, nonce != null ? nonce.toString()
                : Base64.getEncoder().encodeToString(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public void beforePhase(PhaseEvent event) {
        // nothing before RESTORE_VIEW: the view map exists only after it
    }

    @Override
    public PhaseId getPhaseId() {
        return PhaseId.RESTORE_VIEW;
    }
}
