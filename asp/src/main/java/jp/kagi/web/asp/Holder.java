package jp.kagi.web.asp;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import jp.kagi.asp.RefusalReason;

/** What the page shows of the presented certificate: CN, customer (OU), serial and expiry. */
record Holder(String commonName, String customer, String serialHex, Instant notAfter) {

    static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    static Holder of(X509Certificate cert) {
        String cn = "";
        String ou = "";
        try {
            for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
                if ("CN".equalsIgnoreCase(rdn.getType())) {
                    cn = rdn.getValue().toString();
                } else if ("OU".equalsIgnoreCase(rdn.getType())) {
                    ou = rdn.getValue().toString();
                }
            }
        } catch (InvalidNameException e) {
            throw new IllegalArgumentException("unreadable subject " + cert.getSubjectX500Principal(), e);
        }
        String hex = cert.getSerialNumber().toString(16).toUpperCase(java.util.Locale.ROOT);
        return new Holder(cn, ou, hex.length() % 2 == 0 ? hex : "0" + hex, cert.getNotAfter().toInstant());
    }

    /**
     * What TLS admits but the ASP service must not (SPEC.md: a client certificate "that carries clientAuth"): a CA
     * certificate used as a client certificate, and one whose extended key usage lacks clientAuth (JSSE checks the
     * latter already; checked again here so that the rule does not depend on the JDK).
     */
    static Optional<RefusalReason> refusal(X509Certificate cert) {
        if (cert.getBasicConstraints() >= 0) {
            return Optional.of(RefusalReason.CA_CERTIFICATE);
        }
        try {
            List<String> eku = cert.getExtendedKeyUsage();
            if (eku == null || !eku.contains(CLIENT_AUTH)) {
                return Optional.of(RefusalReason.NOT_FOR_CLIENT_AUTH);
            }
        } catch (CertificateParsingException e) {
            return Optional.of(RefusalReason.NOT_FOR_CLIENT_AUTH);
        }
        return Optional.empty();
    }
}
