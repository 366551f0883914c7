package jp.kagi.certificate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import jp.kagi.account.Account;
import jp.kagi.ca.CommonName;
import jp.kagi.ca.Issuer;
import jp.kagi.ca.KeyType;
import jp.kagi.ca.SerialNumbers;
import jp.kagi.customer.Customer;

/**
 * An issued client certificate: its number in the CA's sequence, its serial, its DER, its owner. In a package of its
 * own because issuance makes it and retrieval, revocation, renewal, OCSP and the self-test read it; none of them may
 * import another's package back.
 */
@Entity
@Table(name = "client_certificate")
@NamedQuery(name = "ClientCertificate.countForAccount",
        query = "select count(c) from ClientCertificate c where c.account = :account")
@NamedQuery(name = "ClientCertificate.bySerial",
        query = "select c from ClientCertificate c join fetch c.account join fetch c.customer where c.serialHex = :serial")
@NamedQuery(name = "ClientCertificate.usableNewer",
        query = "select c from ClientCertificate c where c.account = :account and c.cnNumber > :number"
                + " and c.status = jp.kagi.certificate.CertificateStatus.ISSUED and c.notAfter > :now"
                + " order by c.cnNumber desc")
// The first successful self-test only: the condition on installed_at makes a second, concurrent one update nothing.
@NamedQuery(name = "ClientCertificate.markInstalled",
        query = "update ClientCertificate c set c.installedAt = :at where c.id = :id and c.installedAt is null")
public class ClientCertificate {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "issuer_id")
    private Issuer issuer;

    @Column(name = "cn_number", nullable = false)
    private long cnNumber;

    @Column(name = "common_name", nullable = false)
    private String commonName;

    @Column(name = "subject_dn", nullable = false)
    private String subjectDn;

    @Column(name = "serial_hex", nullable = false)
    private String serialHex;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "account_id")
    private Account account;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "customer_id")
    private Customer customer;

    @Enumerated(EnumType.STRING)
    @Column(name = "key_type", nullable = false)
    private KeyType keyType;

    @Column(name = "not_before", nullable = false)
    private Instant notBefore;

    @Column(name = "not_after", nullable = false)
    private Instant notAfter;

    @Column(nullable = false)
    private byte[] der;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private CertificateStatus status;

    @Column(name = "issued_at", nullable = false)
    private Instant issuedAt;

    @Column(name = "issued_by", nullable = false)
    private String issuedBy;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    @Column(name = "revocation_reason")
    private String revocationReason;

    /** When a browser first presented this certificate to the self-test and it passed: "installed". */
    @Column(name = "installed_at")
    private Instant installedAt;

    protected ClientCertificate() {
    }

    /** Made by issuance only, in the transaction that takes the number {@code cn} from the issuer. */
    public ClientCertificate(Issuer issuer, CommonName cn, String subjectText, X509Certificate cert, Account account,
                      KeyType keyType, Instant issuedAt, String issuedBy) {
        this.issuer = issuer;
        this.cnNumber = cn.number();
        this.commonName = cn.value();
        this.subjectDn = subjectText;
        this.serialHex = SerialNumbers.hex(cert.getSerialNumber());
        this.account = account;
        this.customer = account.customer();
        this.keyType = keyType;
        this.notBefore = cert.getNotBefore().toInstant();
        this.notAfter = cert.getNotAfter().toInstant();
        try {
            this.der = cert.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("Cannot encode " + cn, e);
        }
        this.status = CertificateStatus.ISSUED;
        this.issuedAt = issuedAt;
        this.issuedBy = issuedBy;
    }

    public Long id() {
        return id;
    }

    public String commonName() {
        return commonName;
    }

    public String subject() {
        return subjectDn;
    }

    public String serial() {
        return serialHex;
    }

    public Account account() {
        return account;
    }

    public Customer customer() {
        return customer;
    }

    /** Revokes for good; {@code reason} is an RFC 5280 reason name. */
    public void revoke(Instant at, String reason) {
        if (status == CertificateStatus.REVOKED) {
            throw jp.kagi.platform.KagiException.conflict("error.alreadyRevoked", serialHex);
        }
        status = CertificateStatus.REVOKED;
        revokedAt = at;
        revocationReason = reason;
    }

    public Instant revokedAt() {
        return revokedAt;
    }

    public String revocationReason() {
        return revocationReason;
    }

    public KeyType keyType() {
        return keyType;
    }

    public Instant notAfter() {
        return notAfter;
    }

    public Instant notBefore() {
        return notBefore;
    }

    /** The number in the CA's sequence (dsca00345 → 345): the higher, the newer. */
    public long number() {
        return cnNumber;
    }

    public Instant installedAt() {
        return installedAt;
    }

    public byte[] der() {
        return der.clone();
    }

    public CertificateStatus status() {
        return status;
    }

    public Instant issuedAt() {
        return issuedAt;
    }
}
