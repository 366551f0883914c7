package jp.kagi.web.admin;

import jakarta.annotation.PostConstruct;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jp.kagi.bulk.ImportJobView;
import jp.kagi.bulk.ImportRowView;
import jp.kagi.bulk.ImportService;
import jp.kagi.platform.KagiException;
import jp.kagi.web.i18n.Feedback;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/**
 * One import job: its progress bar (refreshed while it runs), its counts and the report of every row, paged from the
 * database. The job runs on the server; this page only watches it and can be closed and opened again.
 */
@Named
@ViewScoped
public class ImportProgress implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    ImportService imports;

    @Inject
    AdminSession session;

    private Long job;
    private String status;
    private LazyDataModel<ImportRowView> rows;

    @PostConstruct
    void init() {
        String id = FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap().get("job");
        try {
            job = id == null ? null : Long.valueOf(id);
        } catch (NumberFormatException e) {
            job = null;
        }
        rows = new LazyDataModel<>() {
            private static final long serialVersionUID = 1L;

            @Override
            public int count(Map<String, FilterMeta> filterBy) {
                return getView() == null ? 0 : (int) imports.rowCount(session.getPrincipal(), job, status);
            }

            @Override
            public List<ImportRowView> load(int first, int pageSize, Map<String, SortMeta> sortBy,
                                            Map<String, FilterMeta> filterBy) {
                return getView() == null ? List.of() : imports.rows(session.getPrincipal(), job, status, first, pageSize);
            }

            @Override
            public String getRowKey(ImportRowView row) {
                return String.valueOf(row.line());
            }
        };
    }

    /** The job as it stands now, or null when there is no such job for this admin. */
    public ImportJobView getView() {
        if (job == null) {
            return null;
        }
        // Read once per request: the page asks for it many times while it renders.
        Map<Object, Object> request = FacesContext.getCurrentInstance().getAttributes();
        return (ImportJobView) request.computeIfAbsent(ImportProgress.class,
                k -> imports.job(session.getPrincipal(), job).orElse(null));
    }

    public void cancel() {
        try {
            imports.cancel(session.actor(), session.getPrincipal(), job);
            FacesContext.getCurrentInstance().getAttributes().remove(ImportProgress.class);
            Feedback.info("admin.importCancelled", List.of(job));
        } catch (KagiException e) {
            Feedback.error(e);
        }
    }

    public String message(ImportRowView row) {
        return row.messageKey() == null ? "" : Feedback.text(FacesContext.getCurrentInstance().getViewRoot().getLocale(),
                row.messageKey(), new ArrayList<>(row.messageArguments()));
    }

    public LazyDataModel<ImportRowView> getRows() {
        return rows;
    }

    public Long getJob() {
        return job;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status == null || status.isBlank() ? null : status;
    }
}
