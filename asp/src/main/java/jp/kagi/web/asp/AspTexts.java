package jp.kagi.web.asp;

import java.text.MessageFormat;
import java.util.Enumeration;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The page's words in the browser's language, as the portal chooses it: the first Accept-Language decides, ja →
 * Japanese, anything else → English (messages.properties, messages_ja.properties).
 */
final class AspTexts {

    private final ResourceBundle bundle;
    private final Locale locale;

    private AspTexts(Locale locale) {
        this.locale = locale;
        this.bundle = ResourceBundle.getBundle("messages", locale, AspTexts.class.getClassLoader(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    static AspTexts of(Enumeration<Locale> requested) {
        while (requested != null && requested.hasMoreElements()) {
            Locale l = requested.nextElement();
            if (!l.getLanguage().isEmpty() && !"*".equals(l.getLanguage())) {
                return new AspTexts("ja".equals(l.getLanguage()) ? Locale.JAPANESE : Locale.ENGLISH);
            }
        }
        return new AspTexts(Locale.ENGLISH);
    }

    Locale locale() {
        return locale;
    }

    String get(String key, Object... args) {
        String pattern = bundle.getString(key);
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
    }
}
