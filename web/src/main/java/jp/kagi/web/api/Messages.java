package jp.kagi.web.api;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** Translates message keys with the messages bundle, in Japanese when the caller prefers it, else English. */
final class Messages {

    private Messages() {
    }

    static Locale locale(List<Locale> acceptable) {
        if (acceptable != null) {
            for (Locale locale : acceptable) {
                if ("ja".equals(locale.getLanguage())) {
                    return Locale.JAPANESE;
                }
                if (!"*".equals(locale.getLanguage())) {
                    return Locale.ENGLISH;
                }
            }
        }
        return Locale.ENGLISH;
    }

    static String text(Locale locale, String key, List<Object> arguments) {
        ResourceBundle bundle = ResourceBundle.getBundle("messages", locale, Messages.class.getClassLoader(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_DEFAULT));
        try {
            return new MessageFormat(bundle.getString(key), locale).format(arguments.toArray());
        } catch (MissingResourceException e) {
            return key;
        }
    }
}
