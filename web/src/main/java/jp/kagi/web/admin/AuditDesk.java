package jp.kagi.web.admin;

import jakarta.annotation.PostConstruct;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import jp.kagi.audit.AuditEntry;
import jp.kagi.audit.AuditFilter;
import jp.kagi.audit.AuditQuery;
import jp.kagi.audit.AuditVerification;
import jp.kagi.audit.AuditVerifier;
import jp.kagi.platform.KagiException;
import jp.kagi.platform.PageRequest;
import jp.kagi.web.i18n.Feedback;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/**
 * The audit log viewer: filtered and paged lazily by the database, newest first, with a CSV export of the same
 * filter. For CA admins and auditors; an operator is scoped to customers while the log spans all of them.
 */
@Named
@ViewScoped
public class AuditDesk implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    AuditQuery audit;

    @Inject
    AdminSession session;

    @Inject
    AuditVerifier verifier;

    private String actor;
    private String action;
    private String objectType;
    private String objectId;
    private String from;
    private String to;
    private String sourceAddress;
    /** The filter last applied: only a valid filter ever reaches the table and the export link. */
    private AuditFilter filter = AuditFilter.ANY;
    private LazyDataModel<AuditEntry> model;

    @PostConstruct
    void init() {
        model = new LazyDataModel<>() {
            private static final long serialVersionUID = 1L;

            @Override
            public int count(Map<String, FilterMeta> filterBy) {
                return isAllowed() ? (int) Math.min(Integer.MAX_VALUE, audit.count(session.getPrincipal(), filter)) : 0;
            }

            @Override
            public List<AuditEntry> load(int first, int pageSize, Map<String, SortMeta> sortBy,
                                         Map<String, FilterMeta> filterBy) {
                if (!isAllowed()) {
                    return List.of();
                }
                int size = Math.max(1, Math.min(pageSize, AuditQuery.MAX_PAGE_SIZE));
                return audit.list(session.getPrincipal(), filter, new PageRequest(first / size, size));
            }
        };
    }

    /** Whether the screen shows the log: CA admins and auditors (AuditQuery refuses everyone else itself). */
    public boolean isAllowed() {
        return session.isSignedIn() && session.getPrincipal().seesEveryCustomer();
    }

    /** Re-walks the chain and says "intact up to record N" or names the first broken record. */
    public void verify() {
        try {
            if (!isAllowed()) {
                throw new KagiException(KagiException.Kind.FORBIDDEN, "error.forbidden");
            }
            AuditVerification result = verifier.verify(session.getPrincipal());
            if (result.intact()) {
                Feedback.info("admin.audit.intact", List.of(result.checkedUpTo()));
            } else {
                Feedback.error("admin.audit.broken", List.of(result.firstBroken()));
            }
        } catch (KagiException e) {
            Feedback.error(e);
        }
    }

    /** Applies the typed filter; a bad one is explained and the previous filter stays. */
    public void search() {
        try {
            if (!isAllowed()) {
                throw new KagiException(KagiException.Kind.FORBIDDEN, "error.forbidden");
            }
            filter = AuditFilter.of(actor, action, objectType, objectId, from, to, sourceAddress);
        } catch (KagiException e) {
            Feedback.error(e);
        }
    }

    /** The CSV export of the applied filter, served by {@link AuditExportServlet}. */
    public String getExportUrl() {
        StringBuilder url = new StringBuilder(FacesContext.getCurrentInstance().getExternalContext()
                .getRequestContextPath()).append(AuditExportServlet.PATH).append('?');
        param(url, "actor", filter.actor());
        param(url, "action", filter.action());
        param(url, "objectType", filter.objectType());
        param(url, "objectId", filter.objectId());
        param(url, "from", filter.from());
        param(url, "to", filter.to());
        param(url, "sourceAddress", filter.sourceAddress());
        return url.substring(0, url.length() - 1);
    }

    private static void param(StringBuilder url, String name, Object value) {
        if (value != null) {
            url.append(name).append('=').append(URLEncoder.encode(value.toString(), StandardCharsets.UTF_8))
                    .append('&');
        }
    }

    public LazyDataModel<AuditEntry> getModel() {
        return model;
    }

    public String getActor() {
        return actor;
    }

    public void setActor(String actor) {
        this.actor = actor;
    }

    public String getAction() {
        return action;
    }

    public void setAction(String action) {
        this.action = action;
    }

    public String getObjectType() {
        return objectType;
    }

    public void setObjectType(String objectType) {
        this.objectType = objectType;
    }

    public String getObjectId() {
        return objectId;
    }

    public void setObjectId(String objectId) {
        this.objectId = objectId;
    }

    public String getFrom() {
        return from;
    }

    public void setFrom(String from) {
        this.from = from;
    }

    public String getTo() {
        return to;
    }

    public void setTo(String to) {
        this.to = to;
    }

    public String getSourceAddress() {
        return sourceAddress;
    }

    public void setSourceAddress(String sourceAddress) {
        this.sourceAddress = sourceAddress;
    }
}
