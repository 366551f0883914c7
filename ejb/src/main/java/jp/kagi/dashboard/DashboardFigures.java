package jp.kagi.dashboard;

import java.time.Instant;
import java.util.List;

/** The dashboard's numbers: one row per visible customer, their total, and when they were counted. */
public record DashboardFigures(Instant countedAt, List<CustomerFigures> customers, CustomerFigures total) {

    public DashboardFigures {
        customers = List.copyOf(customers);
    }
}
