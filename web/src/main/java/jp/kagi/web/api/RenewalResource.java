package jp.kagi.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.List;
import jp.kagi.platform.KagiException;
import jp.kagi.platform.PageRequest;
import jp.kagi.renewal.DueAccount;
import jp.kagi.renewal.DueCount;
import jp.kagi.renewal.DueRenewals;

/** /api/v1/renewals/due: the accounts due for renewal by their customer's cadence, or expiring within a window. */
@Path("renewals")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class RenewalResource {

    /** Counts per customer and a page of the accounts. */
    public record Due(List<DueCount> customers, long total, List<DueAccount> accounts) {
    }

    @Inject
    DueRenewals due;

    @Context
    HttpServletRequest request;

    @GET
    @Path("due")
    public Due due(@QueryParam("customer") String customer, @QueryParam("withinDays") String withinDays,
                   @QueryParam("page") String page, @QueryParam("size") String size) {
        var who = Caller.of(request).principal();
        Duration within = Duration.ofDays(days(withinDays));
        List<DueCount> counts = due.counts(who, customer, within);
        return new Due(counts, counts.stream().mapToLong(DueCount::due).sum(),
                due.accounts(who, customer, within, PageRequest.parse(page, size, 100, 1000)));
    }

    private static long days(String text) {
        if (text == null || text.isBlank()) {
            return 0;
        }
        try {
            long d = Long.parseLong(text.strip());
            if (d >= 0 && d <= 3650) {
                return d;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw KagiException.invalid("error.campaign.window");
    }
}
