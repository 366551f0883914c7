package jp.kagi.web.i18n;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import jp.kagi.platform.KagiException;

/** Shows a message from the messages bundle, in the view's language, on the current page. */
public final class Feedback {

    private Feedback() {
    }

    public static void error(KagiException e) {
        error(e.messageKey(), e.arguments());
    }

    public static void error(String key, List<Object> arguments) {
        add(FacesMessage.SEVERITY_ERROR, key, arguments);
    }

    public static void info(String key) {
        info(key, List.of());
    }

    public static void info(String key, List<Object> arguments) {
        add(FacesMessage.SEVERITY_INFO, key, arguments);
    }

    public static String text(Locale locale, String key, List<Object> arguments) {
        ResourceBundle bundle = ResourceBundle.getBundle("messages", locale, Feedback.class.getClassLoader(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_DEFAULT));
        try {
            return new MessageFormat(bundle.getString(key), locale).format(fieldLabels(bundle, arguments).toArray());
        } catch (MissingResourceException e) {
            return key;
        }
    }

    /**
     * The services name a refused field by its API name ({@code lockAfterIssuance}); a screen shows its label
     * ({@code field.lockAfterIssuance}) instead, in the page's language. Other arguments stay as they are.
     */
    private static List<Object> fieldLabels(ResourceBundle bundle, List<Object> arguments) {
        List<Object> shown = new ArrayList<>(arguments);
        for (int i = 0; i < shown.size(); i++) {
            if (shown.get(i) instanceof String s && s.matches("[a-zA-Z]+") && bundle.containsKey("field." + s)) {
                shown.set(i, bundle.getString("field." + s));
            }
        }
        return shown;
    }

    private static void add(FacesMessage.Severity severity, String key, List<Object> arguments) {
        FacesContext faces = FacesContext.getCurrentInstance();
        String text = text(faces.getViewRoot().getLocale(), key, arguments);
        faces.addMessage(null, new FacesMessage(severity, text, null));
    }
}
