package jp.kagi.platform;

import jakarta.ejb.ApplicationException;
import java.util.List;

/**
 * A refusal the user can act on. Carries a message key (messages.properties / messages_ja.properties) and its
 * arguments rather than text, so that the REST API and the screens translate it into the caller's language.
 * Rolls the transaction back: a refused request changes nothing.
 */
@ApplicationException(rollback = true)
public class KagiException extends RuntimeException {

    public enum Kind { INVALID, NOT_FOUND, CONFLICT, FORBIDDEN, UNAVAILABLE }

    private final Kind kind;
    private final String messageKey;
    private final List<Object> arguments;

    public KagiException(Kind kind, String messageKey, Object... arguments) {
        super(messageKey + " " + List.of(arguments));
        this.kind = kind;
        this.messageKey = messageKey;
        this.arguments = List.of(arguments);
    }

    public static KagiException invalid(String messageKey, Object... arguments) {
        return new KagiException(Kind.INVALID, messageKey, arguments);
    }

    public static KagiException notFound(String messageKey, Object... arguments) {
        return new KagiException(Kind.NOT_FOUND, messageKey, arguments);
    }

    public static KagiException conflict(String messageKey, Object... arguments) {
        return new KagiException(Kind.CONFLICT, messageKey, arguments);
    }

    public Kind kind() {
        return kind;
    }

    public String messageKey() {
        return messageKey;
    }

    public List<Object> arguments() {
        return arguments;
    }
}
