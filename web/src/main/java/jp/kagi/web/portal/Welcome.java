package jp.kagi.web.portal;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** /portal/ sends a signed-in user to the menu and anyone else to the login page. */
@Named
@RequestScoped
public class Welcome {

    @Inject
    PortalSession session;

    public String route() {
        return session.isSignedIn() ? "/portal/menu.xhtml?faces-redirect=true" : "/portal/login.xhtml?faces-redirect=true";
    }
}
