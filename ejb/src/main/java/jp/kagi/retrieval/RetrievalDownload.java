package jp.kagi.retrieval;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;

/** One download of a PKCS#12: when, from which address, with which browser. */
@Entity
@Table(name = "retrieval_download")
public class RetrievalDownload {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "request_id")
    private RetrievalRequest request;

    @Column(name = "downloaded_at", nullable = false)
    private Instant downloadedAt;

    @Column(name = "source_address")
    private String sourceAddress;

    @Column(name = "user_agent")
    private String userAgent;

    protected RetrievalDownload() {
    }

    RetrievalDownload(RetrievalRequest request, Instant downloadedAt, String sourceAddress, String userAgent) {
        this.request = request;
        this.downloadedAt = downloadedAt;
        this.sourceAddress = sourceAddress;
        this.userAgent = userAgent == null || userAgent.length() <= 300 ? userAgent : userAgent.substring(0, 300);
    }
}
