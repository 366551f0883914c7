package jp.kagi.account;

import jp.kagi.platform.Actor;

/**
 * Fired (synchronously, inside the edit's transaction) when an account's e-mail address changes to another
 * mailbox, so that what was mailed to the old address cannot be collected at the new one (issue 12 item 3).
 */
public record EmailChanged(Actor actor, Account account, String oldEmail, String newEmail) {
}
