package jp.kagi.web.platform;

import jakarta.faces.context.FacesContext;
import jakarta.faces.event.PhaseEvent;
import jakarta.faces.event.PhaseId;
import jakarta.faces.event.PhaseListener;
import java.util.Map;

/**
 * PrimeFaces' CSP mode keeps a view's nonce in the view map so that Ajax updates of the page can reuse it, and on a
 * postback demands that the form sends it back (PrimeFaces' script adds it to the form). A form sent without that
 * script (JavaScript off, or a plain HTTP client) would then end in an error page. A full postback renders a whole
 * new page with a policy of its own, so it needs no old nonce: forgetting it there lets PrimeFaces mint a fresh one.
 * Ajax requests, whose answers are inserted into the page under the old policy, keep PrimeFaces' check.
 */
public class FreshNonceOnFullPostback implements PhaseListener {

    static final String NONCE = "primefaces.nonce";
    private static final long serialVersionUID = 1L;

    @Override
    public void afterPhase(PhaseEvent event) {
        FacesContext context = event.getFacesContext();
        if (!context.isPostback() || context.getPartialViewContext().isAjaxRequest() || context.getViewRoot() == null) {
            return;
        }
        if (context.getExternalContext().getRequestParameterMap().get(NONCE) != null) {
            return; // PrimeFaces' own script sent it: its check stands
        }
        Map<String, Object> view = context.getViewRoot().getViewMap(false);
        if (view != null) {
            view.remove(NONCE);
        }
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
