package jp.kagi.selftest;

import java.util.Locale;

/**
 * What the user should do next, carried to the message key {@code selftest.advice.<name in lower camel case>} (for
 * example {@code selftest.advice.chooseNewer}) in the asp module's messages.properties and messages_ja.properties.
 * The message arguments are {@link SelfTestResult#messageArguments()}.
 */
public enum Advice {
    /** The newest certificate works: nothing to do. */
    ALL_GOOD,
    /** A newer certificate was retrieved: choose it in the browser's certificate selection dialog. */
    CHOOSE_NEWER,
    /** A newer certificate waits in the portal: retrieve it (Request ID from the mail), install it, choose it. */
    RETRIEVE_NEWER,
    /** A newer certificate was never retrieved and its request is locked: ask the administrator for a reissue. */
    ASK_REISSUE,
    /** Revoked, and no newer certificate: contact the administrator. */
    CONTACT_REVOKED,
    /** Expired, and no newer certificate: contact the administrator for a renewal. */
    CONTACT_EXPIRED,
    /** Not valid yet: try again after its start (or check the date of the computer). */
    WAIT_UNTIL_VALID,
    /** Not Kagi's: install the .p12 from the portal and choose its dscaNNNNN. */
    CHOOSE_KAGI_CERTIFICATE,
    /** No certificate: install the .p12 from the portal as the install guide says, then open the page again. */
    INSTALL_CERTIFICATE;

    /** The message key of this advice, e.g. {@code selftest.advice.chooseNewer}. */
    public String messageKey() {
        StringBuilder key = new StringBuilder("selftest.advice.");
        boolean upper = false;
        for (char ch : name().toLowerCase(Locale.ROOT).toCharArray()) {
            if (ch == '_') {
                upper = true;
            } else {
                key.append(upper ? Character.toUpperCase(ch) : ch);
                upper = false;
            }
        }
        return key.toString();
    }
}
