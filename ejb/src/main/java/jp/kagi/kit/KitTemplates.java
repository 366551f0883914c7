package jp.kagi.kit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kit's text files as templates under {@code jp/kagi/kit/} with {@code {{NAME}}} tokens. Every token must have a
 * value and every value is already escaped for its place by the caller; a token left over is a bug, never shipped.
 */
final class KitTemplates {

    private static final Pattern TOKEN = Pattern.compile("\\{\\{([A-Z0-9_]+)}}");

    private KitTemplates() {
    }

    static String render(String template, Map<String, String> values) {
        Matcher m = TOKEN.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException("No value for {{" + m.group(1) + "}}");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    static String load(String name) {
        try (InputStream in = KitTemplates.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Missing kit template " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
