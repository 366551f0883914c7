package jp.kagi.web.portal;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;

/** ログアウト: ends the session entirely and shows ログアウト完了. */
@Named
@RequestScoped
public class SignOut {

    public String logout() {
        FacesContext.getCurrentInstance().getExternalContext().invalidateSession();
        return "/portal/loggedout.xhtml?faces-redirect=true";
    }
}
