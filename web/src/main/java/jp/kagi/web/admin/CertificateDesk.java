package jp.kagi.web.admin;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import jp.kagi.issuance.CertificateQuery;
import jp.kagi.issuance.CertificateSearch;
import jp.kagi.issuance.CertificateView;
import jp.kagi.issuance.IssuanceService;
import jp.kagi.issuance.IssuedCertificate;
import jp.kagi.ocsp.OcspAnswerView;
import jp.kagi.ocsp.OcspResponder;
import jp.kagi.platform.KagiException;
import jp.kagi.revocation.CrlEntryLookup;
import jp.kagi.revocation.CrlKind;
import jp.kagi.revocation.CrlPublisher;
import jp.kagi.revocation.RevocationReason;
import jp.kagi.revocation.RevocationService;
import jp.kagi.web.i18n.Feedback;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/**
 * Certificates with their retrieval state, paged lazily by the database (never loaded whole), filtered by customer
 * and status; a locked request can be reissued from here.
 */
@Named
@ViewScoped
public class CertificateDesk implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    CertificateQuery certificates;

    @Inject
    IssuanceService issuance;

    @Inject
    AdminSession session;

    @Inject
    RevocationService revocation;

    @Inject
    CrlPublisher crls;

    private transient java.util.Map<String, CrlEntryRow> crlEntries = new java.util.concurrent.ConcurrentHashMap<>();
    transient OcspResponder ocsp;

    private String customer;
    private String status;
    private String cn;
    private String expiresWithinDays;
    private String expiresFrom;
    private String expiresTo;
    /** The search last applied: only a valid one reaches the table. */
    private CertificateSearch search = CertificateSearch.ANY;
    private String revokeReason = RevocationReason.unspecified.name();
    private LazyDataModel<CertificateView> model;

    @PostConstruct
    void init() {
        model = new LazyDataModel<>() {
            private static final long serialVersionUID = 1L;

            @Override
            public int count(Map<String, FilterMeta> filterBy) {
                return (int) Math.min(Integer.MAX_VALUE, certificates.count(session.getPrincipal(), search));
            }

            @Override
            public List<CertificateView> load(int first, int pageSize, Map<String, SortMeta> sortBy,
                                              Map<String, FilterMeta> filterBy) {
                int size = Math.max(1, Math.min(pageSize, CertificateQuery.MAX_PAGE_SIZE));
                return certificates.list(session.getPrincipal(), search, first / size, size);
            }

            @Override
            public String getRowKey(CertificateView row) {
                return row.serial();
            }

            @Override
            public CertificateView getRowData(String rowKey) {
                // Only a certificate this admin may see, whatever row key a request names (the query checks).
                return certificates.bySerial(session.getPrincipal(), rowKey).orElse(null);
            }
        };
    }

    /** Applies the typed search; a bad one is explained and the previous search stays. */
    public void show() {
        try {
            search = CertificateSearch.of(customer, status, cn, expiresWithinDays, expiresFrom, expiresTo);
        } catch (KagiException e) {
            Feedback.error(e);
        }
    }

    /** The CSV download of the search as applied (the same rows the list pages through). */
    public String getExportUrl() {
        StringBuilder url = new StringBuilder(jakarta.faces.context.FacesContext.getCurrentInstance()
                .getExternalContext().getRequestContextPath()).append(CertificateExportServlet.PATH).append('?');
        param(url, "customer", search.customer());
        param(url, "status", search.status());
        param(url, "cn", search.cn());
        param(url, "expiresWithinDays", search.expiresWithinDays());
        param(url, "expiresFrom", search.expiresFrom());
        param(url, "expiresTo", search.expiresTo());
        return url.toString();
    }

    private static void param(StringBuilder url, String name, Object value) {
        if (value != null) {
            url.append(name).append('=').append(java.net.URLEncoder.encode(value.toString(),
                    java.nio.charset.StandardCharsets.UTF_8)).append('&');
        }
    }

    public void reissue(CertificateView certificate) {
        try {
            IssuedCertificate issued = issuance.reissue(session.actor(), session.getPrincipal(), certificate.serial());
            Feedback.info("admin.certificateReissued", List.of(certificate.cn(), issued.cn()));
        } catch (KagiException e) {
            Feedback.error(e);
        }
    }

    /** Revokes with the reason chosen at the top of the list; the CRL lists it from now on. */
    public void revoke(CertificateView certificate) {
        try {
            revocation.revoke(session.actor(), session.getPrincipal(), certificate.serial(), revokeReason);
            Feedback.info("admin.certificateRevoked", List.of(certificate.cn(), revokeReason));
        } catch (KagiException e) {
            Feedback.error(e);
        }
    }

    /**
     * The CRL entries for a revoked certificate, read from the current full and delta CRLs themselves (the
     * published bytes, not the database); null for a certificate that is not revoked. Looked up when its row is
     * expanded and kept for the view.
     */
    public CrlEntryRow crlEntry(CertificateView certificate) {
        if (certificate == null || !"REVOKED".equals(certificate.status())) {
            return null;
        }
        if (crlEntries == null) {
            crlEntries = new java.util.concurrent.ConcurrentHashMap<>();
        }
        return crlEntries.computeIfAbsent(certificate.serial(), serial -> {
            var full = crls.current(CrlKind.FULL);
            var delta = crls.current(CrlKind.DELTA);
            var inFull = full.flatMap(p -> CrlEntryLookup.find(p.file(), new java.math.BigInteger(serial, 16)));
            var inDelta = delta.flatMap(p -> CrlEntryLookup.find(p.file(), new java.math.BigInteger(serial, 16)));
            var entry = inFull.or(() -> inDelta);
            return new CrlEntryRow(inFull.isPresent(), full.map(p -> p.info().number()).orElse(null), inDelta.isPresent(),
                    delta.map(p -> p.info().number()).orElse(null), entry.map(CrlEntryLookup.Entry::revokedAt).orElse(null),
                    entry.map(e -> RevocationReason.ofCode(e.reasonCode()).name()).orElse(null));
        });
    }

    /**
     * What the OCSP responder answers for this certificate now (the row is one this admin may see): asked once per
     * row and request, never kept in the view, so that a revocation shows on the next page.
     */
    @SuppressWarnings("unchecked")
    public OcspAnswerView ocspAnswer(CertificateView certificate) {
        Map<Object, Object> request = jakarta.faces.context.FacesContext.getCurrentInstance().getAttributes();
        Map<String, OcspAnswerView> answers = (Map<String, OcspAnswerView>) request.computeIfAbsent(
                "kagi.ocspAnswers", k -> new java.util.HashMap<String, OcspAnswerView>());
        return answers.computeIfAbsent(certificate.serial(), ocsp::answerFor);
    }

    public List<String> getReasons() {
        return java.util.Arrays.stream(RevocationReason.values()).map(Enum::name).toList();
    }

    public String getRevokeReason() {
        return revokeReason;
    }

    public void setRevokeReason(String revokeReason) {
        this.revokeReason = revokeReason;
    }

    public LazyDataModel<CertificateView> getModel() {
        return model;
    }

    public String getCustomer() {
        return customer;
    }

    public void setCustomer(String customer) {
        this.customer = customer == null || customer.isBlank() ? null : customer;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status == null || status.isBlank() ? null : status;
    }

    public String getCn() {
        return cn;
    }

    public void setCn(String cn) {
        this.cn = cn;
    }

    public String getExpiresWithinDays() {
        return expiresWithinDays;
    }

    public void setExpiresWithinDays(String expiresWithinDays) {
        this.expiresWithinDays = expiresWithinDays;
    }

    public String getExpiresFrom() {
        return expiresFrom;
    }

    public void setExpiresFrom(String expiresFrom) {
        this.expiresFrom = expiresFrom;
    }

    public String getExpiresTo() {
        return expiresTo;
    }

    public void setExpiresTo(String expiresTo) {
        this.expiresTo = expiresTo;
    }
}
