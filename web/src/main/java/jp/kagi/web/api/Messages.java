package jp.kagi.web.api;

import java.util.List;
import java.util.Locale;
import jp.kagi.web.i18n.Feedback;
import jp.kagi.web.i18n.Language;

/** Picks the API caller's language from Accept-Language (ja or else English) and translates message keys in it. */
final class Messages {

    private Messages() {
    }

    static Locale locale(List<Locale> acceptable) {
        return Language.fromBrowser(acceptable == null ? null : acceptable.iterator());
    }

    static String text(Locale locale, String key, List<Object> arguments) {
        return Feedback.text(locale, key, arguments);
    }
}
