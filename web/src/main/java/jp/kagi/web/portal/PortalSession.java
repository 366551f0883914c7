package jp.kagi.web.portal;

import jakarta.enterprise.context.SessionScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import jp.kagi.account.PortalUser;

/** Who is signed in to the portal in this session, if anyone. */
@Named
@SessionScoped
public class PortalSession implements Serializable {

    private static final long serialVersionUID = 1L;

    private PortalUser user;

    public PortalUser getUser() {
        return user;
    }

    public boolean isSignedIn() {
        return user != null;
    }

    void signIn(PortalUser who) {
        this.user = who;
    }
}
