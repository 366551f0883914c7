package jp.kagi.mail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders the mail templates: the first line is {@code Subject: ...}, the rest the body; {@code {{name}}} is
 * replaced by a value. A template naming a value the caller did not give is a bug, so it fails rather than send a
 * mail with a hole in it.
 */
public final class MailTemplates {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-zA-Z]+)}}");

    private MailTemplates() {
    }

    public static RenderedMail render(MailKind kind, String language, Map<String, String> values) {
        String source = load(kind.template() + "_" + language + ".txt");
        Matcher m = PLACEHOLDER.matcher(source);
        StringBuilder out = new StringBuilder();
        TreeSet<String> missing = new TreeSet<>();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                missing.add(m.group(1));
                value = "";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Template " + kind + "/" + language + " needs values for " + missing);
        }
        String text = out.toString();
        int eol = text.indexOf('\n');
        if (!text.startsWith("Subject: ") || eol < 0) {
            throw new IllegalStateException("Template " + kind + "/" + language + " must start with a Subject: line");
        }
        return new RenderedMail(text.substring("Subject: ".length(), eol).strip(), text.substring(eol + 1).stripLeading());
    }

    private static String load(String name) {
        try (InputStream in = MailTemplates.class.getResourceAsStream("templates/" + name)) {
            if (in == null) {
                throw new IllegalStateException("No mail template " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
