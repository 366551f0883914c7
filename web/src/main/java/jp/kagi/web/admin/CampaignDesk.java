package jp.kagi.web.admin;

import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import jp.kagi.platform.KagiException;
import jp.kagi.renewal.CampaignPreview;
import jp.kagi.renewal.CampaignRequest;
import jp.kagi.renewal.CampaignView;
import jp.kagi.renewal.RenewalCampaigns;
import jp.kagi.web.i18n.Feedback;

/**
 * The renewal campaigns: the list, and the form a CA admin fills to plan a new one. Preview asks the service what the
 * campaign would do and writes nothing; Create writes the draft and opens its page, where it is launched.
 */
@Named
@ViewScoped
public class CampaignDesk implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    RenewalCampaigns campaigns;

    @Inject
    AdminSession session;

    private String name;
    private List<String> customers = new ArrayList<>();
    private boolean allDue;
    private String exclude;
    private String completion;
    private String reminders = "P14D P3D";
    private String validityMonths;
    private String expiryWarning;
    private String reasonJa;
    private String reasonEn;
    private String noteJa;
    private String noteEn;
    private transient CampaignPreview preview;
    private transient List<CampaignView> list;

    public List<CampaignView> getCampaigns() {
        if (list == null) {
            list = campaigns.list(session.getPrincipal(), 200);
        }
        return list;
    }

    public void preview() {
        try {
            preview = campaigns.preview(session.getPrincipal(), request());
        } catch (KagiException e) {
            preview = null;
            Feedback.error(e);
        }
    }

    public String create() {
        try {
            CampaignView created = campaigns.create(session.actor(), session.getPrincipal(), request());
            FacesContext.getCurrentInstance().getExternalContext().getFlash().setKeepMessages(true);
            Feedback.info("admin.campaign.created", List.of(created.name()));
            return "/admin/campaign.xhtml?faces-redirect=true&id=" + created.id();
        } catch (KagiException e) {
            Feedback.error(e);
            return null;
        }
    }

    CampaignRequest request() {
        return new CampaignRequest(blank(name), allDue ? List.of() : List.copyOf(customers), allDue, words(exclude),
                blank(completion), words(reminders), months(validityMonths), blank(expiryWarning), blank(reasonJa),
                blank(reasonEn), blank(noteJa), blank(noteEn));
    }

    /** Words separated by commas, blanks or new lines (user IDs, reminder steps). */
    static List<String> words(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split("[\\s,、，]+")).filter(w -> !w.isBlank()).toList();
    }

    static Integer months(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            throw KagiException.invalid("error.validityMonths", "validityMonths");
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** A preview warning in the page's language. */
    public String warning(CampaignPreview.Warning w) {
        return Feedback.text(locale(), w.messageKey(), new ArrayList<>(w.arguments()));
    }

    public String mailLanguage(CampaignPreview.MailSample m) {
        return "ja".equals(m.language()) ? "日本語" : "English";
    }

    static Locale locale() {
        return FacesContext.getCurrentInstance().getViewRoot().getLocale();
    }

    public CampaignPreview getPreview() {
        return preview;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public List<String> getCustomers() {
        return customers;
    }

    public void setCustomers(List<String> customers) {
        this.customers = customers == null ? new ArrayList<>() : new ArrayList<>(customers);
    }

    public boolean isAllDue() {
        return allDue;
    }

    public void setAllDue(boolean allDue) {
        this.allDue = allDue;
    }

    public String getExclude() {
        return exclude;
    }

    public void setExclude(String exclude) {
        this.exclude = exclude;
    }

    public String getCompletion() {
        return completion;
    }

    public void setCompletion(String completion) {
        this.completion = completion;
    }

    public String getReminders() {
        return reminders;
    }

    public void setReminders(String reminders) {
        this.reminders = reminders;
    }

    public String getValidityMonths() {
        return validityMonths;
    }

    public void setValidityMonths(String validityMonths) {
        this.validityMonths = validityMonths;
    }

    public String getExpiryWarning() {
        return expiryWarning;
    }

    public void setExpiryWarning(String expiryWarning) {
        this.expiryWarning = expiryWarning;
    }

    public String getReasonJa() {
        return reasonJa;
    }

    public void setReasonJa(String reasonJa) {
        this.reasonJa = reasonJa;
    }

    public String getReasonEn() {
        return reasonEn;
    }

    public void setReasonEn(String reasonEn) {
        this.reasonEn = reasonEn;
    }

    public String getNoteJa() {
        return noteJa;
    }

    public void setNoteJa(String noteJa) {
        this.noteJa = noteJa;
    }

    public String getNoteEn() {
        return noteEn;
    }

    public void setNoteEn(String noteEn) {
        this.noteEn = noteEn;
    }

    /** Reminder steps as typed: {@code P14D P3D}. */
    public String steps(List<String> steps) {
        return steps == null ? "" : String.join(" ", steps);
    }
}
