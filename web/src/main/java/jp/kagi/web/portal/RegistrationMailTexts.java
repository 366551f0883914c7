package jp.kagi.web.portal;

import java.util.Set;
import jp.kagi.issuance.RegistrationMail;

/**
 * The portal texts that name the mail with the user ID and password: for a renewal user they name
 * クライアント証明書更新登録のお願い instead of クライアント証明書登録のお願い, under the same key plus {@code .renewal}.
 */
final class RegistrationMailTexts {

    /** Keys whose text names the registration mail and that have a {@code .renewal} twin in the bundles. */
    static final Set<String> NAMING_THE_MAIL = Set.of("retrieve.intro", "error.passwordWrong");

    static final String RENEWAL_SUFFIX = ".renewal";

    private RegistrationMailTexts() {
    }

    static String key(String key, RegistrationMail mail) {
        return mail == RegistrationMail.RENEWAL && NAMING_THE_MAIL.contains(key) ? key + RENEWAL_SUFFIX : key;
    }
}
