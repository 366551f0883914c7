package jp.kagi.web.admin;

import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import jp.kagi.bulk.ImportJobView;
import jp.kagi.bulk.ImportReport;
import jp.kagi.bulk.ImportService;
import jp.kagi.bulk.RowCheck;
import jp.kagi.platform.KagiException;
import jp.kagi.web.i18n.Feedback;

/**
 * Bulk import of accounts: upload a CSV, check it (dry run: every row's problem, nothing written), then import it as a
 * background job whose progress page can be left and come back to.
 */
@Named
@ViewScoped
public class BulkImport implements Serializable {

    private static final long serialVersionUID = 1L;
    /** A dry run lists at most this many refused rows on the page; the counts cover them all. */
    static final int SHOWN = 1000;

    @Inject
    ImportService imports;

    @Inject
    AdminSession session;

    private transient Part file;
    private boolean issue = true;
    private ImportReport report;

    /** The dry run. */
    public void check() {
        report = null;
        try {
            refuseAuditor();
            try (InputStream csv = upload()) {
                report = imports.check(session.getPrincipal(), csv);
            }
            Feedback.info("admin.importChecked", List.of(report.rows(), report.valid(), report.rows() - report.valid()));
        } catch (KagiException e) {
            Feedback.error(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The real run: stores the job and opens its progress page. */
    public String start() {
        try {
            refuseAuditor();
            ImportReport started;
            try (InputStream csv = upload()) {
                started = imports.start(session.actor(), session.getPrincipal(), fileName(), csv, issue);
            }
            FacesContext.getCurrentInstance().getExternalContext().getFlash().setKeepMessages(true);
            Feedback.info("admin.importStarted", List.of(started.jobId(), started.valid()));
            return "/admin/import-job.xhtml?faces-redirect=true&job=" + started.jobId();
        } catch (KagiException e) {
            Feedback.error(e);
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Auditors only read; the form is hidden from them and the server refuses a crafted post as well. */
    private void refuseAuditor() {
        if (session.isAuditor()) {
            throw new KagiException(KagiException.Kind.FORBIDDEN, "error.forbidden");
        }
    }

    /** The uploaded file as a stream: the service reads it within the import limits (size and rows) and no further. */
    private InputStream upload() throws IOException {
        if (file == null || file.getSize() == 0) {
            throw KagiException.invalid("error.import.noFile");
        }
        return file.getInputStream();
    }

    private String fileName() {
        String name = file.getSubmittedFileName();
        return name == null ? null : name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
    }

    /** The refused rows of the dry run, at most {@link #SHOWN}. */
    public List<RowCheck> getProblems() {
        return report == null ? List.of() : report.rejected().subList(0, Math.min(SHOWN, report.rejected().size()));
    }

    public String problem(RowCheck row) {
        return Feedback.text(FacesContext.getCurrentInstance().getViewRoot().getLocale(), row.problem(),
                new ArrayList<>(row.arguments()));
    }

    public List<ImportJobView> getJobs() {
        return imports.recent(session.getPrincipal(), 20);
    }

    public ImportReport getReport() {
        return report;
    }

    public Part getFile() {
        return file;
    }

    public void setFile(Part file) {
        this.file = file;
    }

    public boolean isIssue() {
        return issue;
    }

    public void setIssue(boolean issue) {
        this.issue = issue;
    }
}
