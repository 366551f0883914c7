package jp.kagi.selftest;

import java.time.Instant;

/**
 * A certificate as the self-test shows it: CN (dscaNNNNN), customer (the subject's OU), serial (upper-case hex as
 * Kagi lists it) and validity.
 */
public record SelfTestCertificate(String cn, String customer, String serial, Instant notBefore, Instant notAfter) {
}
