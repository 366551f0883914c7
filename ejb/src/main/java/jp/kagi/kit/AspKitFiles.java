package jp.kagi.kit;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import jp.kagi.ca.ClientProfile;

/** Renders a {@link KitSource} into the kit's files; pure, so that every escaping is unit-tested. */
final class AspKitFiles {

    static final String CHAIN = "ca-chain.pem";
    static final String CRL_DER = "issuing-ca.crl";
    static final String CRL_PEM = "issuing-ca.crl.pem";
    static final String URLS = "urls.txt";
    static final String NGINX = "nginx/kagi-asp.conf";
    static final String APACHE = "apache/kagi-asp.conf";
    static final String REFRESH = "refresh-crl.sh";
    static final String CRON = "refresh-crl.cron";
    static final String README_EN = "README.md";
    static final String README_JA = "README.ja.md";

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private AspKitFiles() {
    }

    static AspKit render(KitSource source) {
        Map<String, String> values = values(source);
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(README_EN, text("README.md", values));
        files.put(README_JA, text("README.ja.md", values));
        files.put(CHAIN, chainPem(source).getBytes(StandardCharsets.US_ASCII));
        files.put(CRL_DER, source.crlDer());
        files.put(CRL_PEM, pem("X509 CRL", source.crlDer()).getBytes(StandardCharsets.US_ASCII));
        files.put(URLS, text("urls.txt", values));
        files.put(NGINX, text("nginx.conf", values));
        files.put(APACHE, text("apache.conf", values));
        files.put(REFRESH, text("refresh-crl.sh", values));
        files.put(CRON, text("refresh-crl.cron", values));
        return new AspKit(files);
    }

    private static Map<String, String> values(KitSource s) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("CUSTOMER", KitEscaping.comment(s.customer()));
        v.put("GENERATED_AT", UTC.format(s.generatedAt()));
        v.put("CRL_URL", KitEscaping.comment(s.crlUrl()));
        v.put("OCSP_URL", KitEscaping.comment(s.ocspUrl()));
        v.put("CRL_NUMBER", Long.toString(s.crlNumber()));
        v.put("CRL_NEXT_UPDATE", UTC.format(s.crlNextUpdate()));
        v.put("NGINX_SUBJECT_REGEX", KitEscaping.nginxSubjectRegex(s.customer(), ClientProfile.COUNTRY));
        v.put("NGINX_OCSP_URL", KitEscaping.nginxQuoted(s.ocspUrl()));
        v.put("NGINX_RESOLVER", resolverLine(s.ocspUrl()));
        v.put("APACHE_OU_BASE64", KitEscaping.base64(s.customer()));
        v.put("APACHE_OCSP_URL", apacheWord(s.ocspUrl()));
        v.put("SHELL_CRL_URL", KitEscaping.shellQuoted(s.crlUrl()));
        return v;
    }

    /**
     * nginx asks a DNS resolver of its own for the OCSP host at run time; an IP address needs none. A host name gets
     * an active {@code resolver} line to fill in, so that a forgotten one fails at once instead of on the first user.
     */
    static String resolverLine(String ocspUrl) {
        String host = URI.create(ocspUrl).getHost();
        boolean literal = host != null && (host.matches("[0-9.]+") || host.startsWith("["));
        return literal ? "# The OCSP URL names an IP address: no resolver needed. With a host name, add e.g.\n"
                + "    # resolver 127.0.0.53 valid=300s;"
                : "# FILL IN: a DNS resolver nginx may ask for the OCSP host (nginx does not read /etc/hosts here).\n"
                + "    resolver 127.0.0.53 valid=300s;";
    }

    /** A URL as one Apache directive argument: quoted, and refused if it could end the quotes. */
    private static String apacheWord(String url) {
        if (url.chars().anyMatch(c -> c == '"' || c == '\\' || Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new IllegalStateException("KAGI_PUBLIC_HTTP_URL is not a plain URL: " + url);
        }
        return '"' + url + '"';
    }

    private static byte[] text(String template, Map<String, String> values) {
        return KitTemplates.render(KitTemplates.load(template), values).getBytes(StandardCharsets.UTF_8);
    }

    private static String chainPem(KitSource s) {
        StringBuilder out = new StringBuilder();
        for (X509Certificate cert : s.chain()) {
            out.append("# ").append(KitEscaping.comment(cert.getSubjectX500Principal().getName())).append('\n');
            try {
                out.append(pem("CERTIFICATE", cert.getEncoded()));
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException("Cannot encode " + cert.getSubjectX500Principal(), e);
            }
        }
        return out.toString();
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
