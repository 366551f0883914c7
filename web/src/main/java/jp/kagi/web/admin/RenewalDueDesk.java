package jp.kagi.web.admin;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import jp.kagi.platform.KagiException;
import jp.kagi.platform.PageRequest;
import jp.kagi.renewal.DueAccount;
import jp.kagi.renewal.DueCount;
import jp.kagi.renewal.DueRenewals;
import jp.kagi.web.i18n.Feedback;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/**
 * Who is due for renewal: by each customer's cadence, or because the certificate expires within the window the admin
 * types (days). Counts per customer, and the accounts paged lazily by the database. An operator sees its customers.
 */
@Named
@ViewScoped
public class RenewalDueDesk implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int MAX_PAGE = 200;

    @Inject
    DueRenewals due;

    @Inject
    AdminSession session;

    private String customer;
    private String days = "30";
    /** The filter last applied: only a valid one reaches the table. */
    private String appliedCustomer;
    private Duration appliedWithin = Duration.ofDays(30);
    private transient List<DueCount> counts;
    private LazyDataModel<DueAccount> accounts;

    @PostConstruct
    void init() {
        accounts = new LazyDataModel<>() {
            private static final long serialVersionUID = 1L;

            @Override
            public int count(Map<String, FilterMeta> filterBy) {
                return (int) Math.min(Integer.MAX_VALUE, getCounts().stream().mapToLong(DueCount::due).sum());
            }

            @Override
            public List<DueAccount> load(int first, int pageSize, Map<String, SortMeta> sortBy,
                                         Map<String, FilterMeta> filterBy) {
                int size = Math.max(1, Math.min(pageSize, MAX_PAGE));
                try {
                    return due.accounts(session.getPrincipal(), appliedCustomer, appliedWithin,
                            new PageRequest(first / size, size));
                } catch (KagiException e) {
                    Feedback.error(e);
                    return List.of();
                }
            }

            @Override
            public String getRowKey(DueAccount row) {
                return row.userId();
            }
        };
    }

    /** Applies the filter; a bad one is explained and the previous filter stays. */
    public void show() {
        try {
            Duration within = window(days);
            due.counts(session.getPrincipal(), customer, within); // refuses an unknown customer or a bad window
            appliedCustomer = customer;
            appliedWithin = within;
            counts = null;
        } catch (KagiException e) {
            Feedback.error(e);
        }
    }

    static Duration window(String days) {
        if (days == null || days.isBlank()) {
            return Duration.ZERO;
        }
        try {
            return Duration.ofDays(Long.parseLong(days.strip()));
        } catch (NumberFormatException | ArithmeticException e) {
            throw KagiException.invalid("error.campaign.window");
        }
    }

    public List<DueCount> getCounts() {
        if (counts == null) {
            try {
                counts = due.counts(session.getPrincipal(), appliedCustomer, appliedWithin);
            } catch (KagiException e) {
                Feedback.error(e);
                counts = List.of();
            }
        }
        return counts;
    }

    public long getTotal() {
        return getCounts().stream().mapToLong(DueCount::due).sum();
    }

    public LazyDataModel<DueAccount> getAccounts() {
        return accounts;
    }

    public String getCustomer() {
        return customer;
    }

    public void setCustomer(String customer) {
        this.customer = customer == null || customer.isBlank() ? null : customer;
    }

    public String getDays() {
        return days;
    }

    public void setDays(String days) {
        this.days = days;
    }
}
