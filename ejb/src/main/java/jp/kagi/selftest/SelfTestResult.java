package jp.kagi.selftest;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * The self-test's answer.
 *
 * @param presented    the certificate the browser presented (null when it presented none); for an {@code UNKNOWN}
 *                     one, what its own subject and serial say
 * @param state        where it stands in Kagi
 * @param newest       true when its account has no newer valid certificate (false for NONE and UNKNOWN)
 * @param newer        the newest valid certificate of the account when that is not the presented one, else null
 * @param advice       what to do next; its {@link Advice#messageKey()} takes {@link #messageArguments()}
 * @param contact      the mail address of the certificate's customer contact, whom CONTACT_* and ASK_REISSUE
 *                     name (null for NONE and UNKNOWN)
 * @param installedAt  when this certificate first passed the self-test (null: never; always null for NONE and
 *                     UNKNOWN)
 * @param firstSuccess true when this very call recorded {@code installedAt}
 */
public record SelfTestResult(SelfTestCertificate presented, CertificateState state, boolean newest,
                             SelfTestCertificate newer, Advice advice, String contact, Instant installedAt,
                             boolean firstSuccess) {

    /**
     * The advice's message arguments: {0} the presented CN, {1} the newer CN, {2} the contact address; empty text for
     * what does not apply (so that every message may use any of them).
     */
    public List<Object> messageArguments() {
        return Arrays.asList(presented == null || presented.cn() == null ? "" : presented.cn(),
                newer == null ? "" : newer.cn(), contact == null ? "" : contact);
    }

    /** True when the certificate works (the self-test passed). */
    public boolean passed() {
        return state.works();
    }
}
