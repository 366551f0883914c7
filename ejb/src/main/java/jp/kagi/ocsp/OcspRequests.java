package jp.kagi.ocsp;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Null;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.OCSPRequest;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.Req;

/**
 * Parses an OCSPRequest (RFC 6960 4.1) strictly, with Kagi's limits. Everything wrong with the request itself is a
 * {@code malformedRequest}: DER that does not parse or has bytes after the request, no or more than
 * {@link #MAX_SERIALS} CertIDs, a CertID hash other than SHA-1/SHA-256/SHA-384/SHA-512 (the responder cannot tell
 * whose issuer hash it is, so "unknown" would be a guess), a nonce outside RFC 8954's 1..32 octets, an unknown
 * critical extension. Whether the issuer is Kagi's is decided later ({@link IssuerHashes}).
 */
final class OcspRequests {

    /** The most CertIDs one request may carry; a relying party checks one chain, RFC 5019 clients send one. */
    static final int MAX_SERIALS = 100;
    /** RFC 8954 2.1: Nonce ::= OCTET STRING (SIZE(1..32)). */
    static final int MAX_NONCE = 32;

    static final Set<ASN1ObjectIdentifier> HASHES = Set.of(OIWObjectIdentifiers.idSHA1, NISTObjectIdentifiers.id_sha256,
            NISTObjectIdentifiers.id_sha384, NISTObjectIdentifiers.id_sha512);

    /** Extensions a request may mark critical because the responder understands them. */
    private static final Set<ASN1ObjectIdentifier> UNDERSTOOD = Set.of(OCSPObjectIdentifiers.id_pkix_ocsp_nonce,
            OCSPObjectIdentifiers.id_pkix_ocsp_response);

    private OcspRequests() {
    }

    static ParsedRequest parse(byte[] der) throws OcspRefusal {
        if (der == null || der.length == 0) {
            throw OcspRefusal.malformed("empty request");
        }
        OCSPReq request;
        try {
            // fromByteArray refuses trailing bytes; getInstance refuses a structure that is not an OCSPRequest.
            request = new OCSPReq(OCSPRequest.getInstance(ASN1Primitive.fromByteArray(der)));
        } catch (IOException | RuntimeException e) {
            throw OcspRefusal.malformed("not a DER OCSPRequest: " + e.getMessage());
        }
        if (request.getVersionNumber() != 1) {
            throw OcspRefusal.malformed("version " + request.getVersionNumber());
        }
        Req[] list;
        try {
            list = request.getRequestList();
        } catch (RuntimeException e) {
            throw OcspRefusal.malformed("bad requestList: " + e.getMessage());
        }
        if (list.length == 0) {
            throw OcspRefusal.malformed("no CertID");
        }
        if (list.length > MAX_SERIALS) {
            throw OcspRefusal.malformed(list.length + " CertIDs, at most " + MAX_SERIALS);
        }
        List<CertificateID> ids = new ArrayList<>(list.length);
        for (Req one : list) {
            CertificateID id;
            try {
                id = one.getCertID();
                id.getSerialNumber();
            } catch (RuntimeException e) {
                throw OcspRefusal.malformed("bad CertID: " + e.getMessage());
            }
            checkHash(id);
            ids.add(id);
        }
        Extension nonce = null;
        for (Object oid : request.getCriticalExtensionOIDs()) {
            if (!UNDERSTOOD.contains((ASN1ObjectIdentifier) oid)) {
                throw OcspRefusal.malformed("unknown critical extension " + oid);
            }
        }
        if (request.hasExtensions()) {
            nonce = request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
            if (nonce != null) {
                int length = nonceLength(nonce);
                if (length < 1 || length > MAX_NONCE) {
                    throw OcspRefusal.malformed("nonce of " + length + " octets, RFC 8954 allows 1 to " + MAX_NONCE);
                }
            }
        }
        return new ParsedRequest(List.copyOf(ids), nonce);
    }

    private static void checkHash(CertificateID id) throws OcspRefusal {
        var algorithm = id.toASN1Primitive().getHashAlgorithm();
        ASN1Encodable parameters = algorithm.getParameters();
        if (!HASHES.contains(algorithm.getAlgorithm())
                || (parameters != null && !(parameters.toASN1Primitive() instanceof ASN1Null))) {
            throw OcspRefusal.malformed("CertID hash " + algorithm.getAlgorithm() + " is not supported");
        }
        int size = digestLength(algorithm.getAlgorithm());
        if (id.getIssuerNameHash().length != size || id.getIssuerKeyHash().length != size) {
            throw OcspRefusal.malformed("CertID hashes are not " + size + " octets");
        }
    }

    static int digestLength(ASN1ObjectIdentifier hash) {
        if (hash.equals(OIWObjectIdentifiers.idSHA1)) {
            return 20;
        }
        if (hash.equals(NISTObjectIdentifiers.id_sha256)) {
            return 32;
        }
        return hash.equals(NISTObjectIdentifiers.id_sha384) ? 48 : 64;
    }

    /**
     * The nonce's length: the OCTET STRING inside extnValue as RFC 8954 writes it; a legacy client that put the raw
     * octets straight into extnValue is measured as is.
     */
    static int nonceLength(Extension nonce) {
        byte[] value = nonce.getExtnValue().getOctets();
        try {
            ASN1Primitive inner = ASN1Primitive.fromByteArray(value);
            if (inner instanceof ASN1OctetString octets) {
                return octets.getOctets().length;
            }
        } catch (IOException | RuntimeException e) {
            // not DER: raw octets
        }
        return value.length;
    }
}
