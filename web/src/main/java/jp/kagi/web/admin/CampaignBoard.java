package jp.kagi.web.admin;

import jakarta.annotation.PostConstruct;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jp.kagi.platform.KagiException;
import jp.kagi.platform.PageRequest;
import jp.kagi.renewal.CampaignRowState;
import jp.kagi.renewal.CampaignRowView;
import jp.kagi.renewal.CampaignView;
import jp.kagi.renewal.DailyCount;
import jp.kagi.renewal.RenewalCampaigns;
import jp.kagi.web.i18n.Feedback;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/**
 * One renewal campaign's page: its state and figures (refreshed while the certificates are issued), the retrievals
 * per day, its accounts paged from the database and filtered by state, and the actions the caller's role allows.
 * The services check the role again and scope an operator to its customers.
 */
@Named
@ViewScoped
public class CampaignBoard implements Serializable {

    private static final long serialVersionUID = 1L;
    static final int MAX_PAGE = 200;

    @Inject
    RenewalCampaigns campaigns;

    @Inject
    AdminSession session;

    @Inject
    jp.kagi.mail.MailSettings mailSettings;

    private Long id;
    private String state;
    private String newCompletion;
    private LazyDataModel<CampaignRowView> rows;

    @PostConstruct
    void init() {
        String text = FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap().get("id");
        try {
            id = text == null ? null : Long.valueOf(text);
        } catch (NumberFormatException e) {
            id = null;
        }
        rows = new LazyDataModel<>() {
            private static final long serialVersionUID = 1L;

            @Override
            public int count(Map<String, FilterMeta> filterBy) {
                return getView() == null ? 0
                        : (int) Math.min(Integer.MAX_VALUE, campaigns.countRows(session.getPrincipal(), id, state));
            }

            @Override
            public List<CampaignRowView> load(int first, int pageSize, Map<String, SortMeta> sortBy,
                                              Map<String, FilterMeta> filterBy) {
                if (getView() == null) {
                    return List.of();
                }
                int size = Math.max(1, Math.min(pageSize, MAX_PAGE));
                return campaigns.rows(session.getPrincipal(), id, state, new PageRequest(first / size, size));
            }

            @Override
            public String getRowKey(CampaignRowView row) {
                return row.userId();
            }
        };
    }

    /** The campaign as it stands now, or null when there is no such campaign for this admin. */
    public CampaignView getView() {
        if (id == null) {
            return null;
        }
        // Read once per request: the page asks for it many times while it renders.
        Map<Object, Object> request = FacesContext.getCurrentInstance().getAttributes();
        return (CampaignView) request.computeIfAbsent(CampaignBoard.class,
                k -> campaigns.view(session.getPrincipal(), id).orElse(null));
    }

    private void reread() {
        FacesContext.getCurrentInstance().getAttributes().remove(CampaignBoard.class);
    }

    public void launch() {
        try {
            CampaignView v = campaigns.launch(session.actor(), session.getPrincipal(), id);
            reread();
            Feedback.info("admin.campaign.launched", List.of(v.name()));
        } catch (KagiException e) {
            Feedback.error(e);
        }
    }

    public void extend() {
        try {
            CampaignView v = campaigns.extend(session.actor(), session.getPrincipal(), id, newCompletion);
            reread();
            newCompletion = null;
            Feedback.info("admin.campaign.extended", List.of(v.name(), v.completion()));
        } catch (KagiException e) {
            Feedback.error(e);
        }
    }

    public void cancel() {
        try {
            CampaignView v = campaigns.cancel(session.actor(), session.getPrincipal(), id);
            reread();
            Feedback.info("admin.campaign.cancelled", List.of(v.name()));
        } catch (KagiException e) {
            Feedback.error(e);
        }
    }

    public void remindAll() {
        remind(null);
    }

    public void remind(String userId) {
        try {
            int sent = campaigns.remind(session.actor(), session.getPrincipal(), id, userId);
            reread();
            Feedback.info("admin.campaign.reminded", List.of(sent));
        } catch (KagiException e) {
            Feedback.error(e);
        }
    }

    /** Retrievals per day, from launch to the completion date (marked as its own bar), as Chart.js JSON. */
    public String getChart() {
        CampaignView v = getView();
        List<DailyCount> days = v == null ? List.of() : campaigns.retrievalsPerDay(session.getPrincipal(), id);
        LocalDate completion = v == null || v.completionAt() == null ? null
                : v.completionAt().atZone(mailSettings.zone()).toLocalDate();
        return CampaignChart.retrievals(days, completion, text("admin.campaign.chart", v == null ? "" : v.completion()),
                text("admin.campaign.chartRetrieved"), text("admin.campaign.chartCompletion")).toJson();
    }

    /** A row's note (why it was skipped or failed) in the page's language. */
    public String message(CampaignRowView row) {
        return row.messageKey() == null ? ""
                : Feedback.text(CampaignDesk.locale(), row.messageKey(), new ArrayList<>(row.messageArgs()));
    }

    public boolean mayRemind(CampaignRowView row) {
        return row.state() == CampaignRowState.PENDING && getView().status().reminds() && !session.isAuditor()
                && session.getPrincipal().mayChange(row.customer());
    }

    public List<String> getStates() {
        List<String> states = new ArrayList<>(List.of("NOT_RETRIEVED"));
        for (CampaignRowState s : CampaignRowState.values()) {
            states.add(s.name());
        }
        return states;
    }

    public String getExportUrl() {
        StringBuilder url = new StringBuilder(FacesContext.getCurrentInstance().getExternalContext()
                .getRequestContextPath()).append(CampaignExportServlet.PATH).append("?id=").append(id);
        if (state != null) {
            url.append("&state=").append(URLEncoder.encode(state, StandardCharsets.UTF_8));
        }
        return url.toString();
    }

    private static String text(String key, Object... args) {
        return Feedback.text(CampaignDesk.locale(), key, List.of(args));
    }

    public LazyDataModel<CampaignRowView> getRows() {
        return rows;
    }

    public Long getId() {
        return id;
    }

    public String getState() {
        return state;
    }

    public void setState(String state) {
        this.state = state == null || state.isBlank() ? null : state;
    }

    public String getNewCompletion() {
        return newCompletion;
    }

    public void setNewCompletion(String newCompletion) {
        this.newCompletion = newCompletion;
    }

    /** Reminder steps as typed: {@code P14D P3D}. */
    public String steps(List<String> steps) {
        return steps == null ? "" : String.join(" ", steps);
    }
}
