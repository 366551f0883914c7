/**
 * The certificate self-test (証明書の動作確認 / Test my certificate, issue 11): given the certificate a browser
 * presented on 8444, says which one it is, where it stands in Kagi, whether it is the newest of its account and what
 * the user should do next. The first self-test a certificate passes makes it "installed" (recorded once, audited),
 * the state the back office shows next to "retrieved". The page on 8444 maps the answer to text; this package holds
 * no HTTP and no wording.
 */
package jp.kagi.selftest;
