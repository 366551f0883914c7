package jp.kagi.ocsp;

import java.util.List;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.ocsp.CertificateID;

/** What a well-formed request asks: the CertIDs in their order, and the nonce extension to echo (or null). */
record ParsedRequest(List<CertificateID> certIds, Extension nonce) {
}
