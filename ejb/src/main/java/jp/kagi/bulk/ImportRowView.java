package jp.kagi.bulk;

import java.util.List;

/** One row of an import as the screens and the API report it; {@code messageKey} says why it was refused or failed. */
public record ImportRowView(int line, String customer, String email, String displayName, String language,
                            String status, String userId, String commonName, String serial, String messageKey,
                            List<String> messageArguments) implements java.io.Serializable {

    public ImportRowView {
        messageArguments = List.copyOf(messageArguments);
    }
}
