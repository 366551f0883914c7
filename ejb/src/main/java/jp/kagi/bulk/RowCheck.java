package jp.kagi.bulk;

import java.util.List;

/**
 * One data row of an import as read and checked: its values (trimmed and checked where valid, raw otherwise) and,
 * for a row that will not be imported, the message key and arguments saying why.
 */
public record RowCheck(int line, String customer, String email, String displayName, String language,
                       String problem, List<Object> arguments) implements java.io.Serializable {

    public RowCheck {
        arguments = arguments == null ? List.of() : List.copyOf(arguments);
    }

    public boolean valid() {
        return problem == null;
    }
}
