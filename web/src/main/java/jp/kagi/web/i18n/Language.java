package jp.kagi.web.i18n;

import jakarta.enterprise.context.SessionScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.Iterator;
import java.util.Locale;

/**
 * The language of this session's screens (SPEC.md): the browser's first Accept-Language decides (ja → Japanese,
 * anything else → English) until the user switches; the choice is remembered for the session.
 */
@Named
@SessionScoped
public class Language implements Serializable {

    private static final long serialVersionUID = 1L;

    private Locale chosen;

    public Locale getLocale() {
        if (chosen == null) {
            chosen = fromBrowser(FacesContext.getCurrentInstance().getExternalContext().getRequestLocales());
        }
        return chosen;
    }

    public String getCode() {
        return getLocale().getLanguage();
    }

    public boolean isJapanese() {
        return "ja".equals(getCode());
    }

    /** Switches and reloads the same page, keeping the user where they were. */
    public String switchTo(String code) {
        chosen = "ja".equals(code) ? Locale.JAPANESE : Locale.ENGLISH;
        FacesContext.getCurrentInstance().getViewRoot().setLocale(chosen);
        return FacesContext.getCurrentInstance().getViewRoot().getViewId() + "?faces-redirect=true";
    }

    /** The first language the browser names decides: ja → Japanese, anything else → English. */
    public static Locale fromBrowser(Iterator<Locale> requested) {
        while (requested != null && requested.hasNext()) {
            Locale locale = requested.next();
            if (!locale.getLanguage().isEmpty() && !"*".equals(locale.getLanguage())) {
                return "ja".equals(locale.getLanguage()) ? Locale.JAPANESE : Locale.ENGLISH;
            }
        }
        return Locale.ENGLISH;
    }
}
