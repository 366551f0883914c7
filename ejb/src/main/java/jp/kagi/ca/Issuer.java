package jp.kagi.ca;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * An issuing CA as the database knows it, and the owner of its CN sequence: numbers are taken under a row lock in
 * the transaction that stores the certificate, so a rolled-back issuance gives its number back (no gaps).
 */
@Entity
@Table(name = "issuer")
public class Issuer {

    @Id
    private Long id;

    @Column(nullable = false, unique = true)
    private String name;

    @Column(name = "subject_dn", nullable = false)
    private String subjectDn;

    @Column(nullable = false)
    private byte[] certificate;

    @Column(name = "cn_prefix", nullable = false)
    private String cnPrefix;

    @Column(name = "next_cn_number", nullable = false)
    private long nextCnNumber;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Issuer() {
    }

    Issuer(long id, String name, String subjectDn, byte[] certificate, String cnPrefix, Instant createdAt) {
        this.id = id;
        this.name = name;
        this.subjectDn = subjectDn;
        this.certificate = certificate.clone();
        this.cnPrefix = cnPrefix;
        this.nextCnNumber = 1;
        this.createdAt = createdAt;
    }

    /** Takes the next number; the caller must hold this row's pessimistic write lock. */
    public CommonName allocateCommonName() {
        CommonName cn = new CommonName(cnPrefix, nextCnNumber);
        nextCnNumber++;
        return cn;
    }

    public Long id() {
        return id;
    }

    public String name() {
        return name;
    }

    public byte[] certificate() {
        return certificate.clone();
    }

    public long nextCnNumber() {
        return nextCnNumber;
    }
}
