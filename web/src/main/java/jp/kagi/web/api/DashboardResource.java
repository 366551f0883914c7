package jp.kagi.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jp.kagi.dashboard.CertificateStatistics;
import jp.kagi.dashboard.DashboardFigures;

/** /api/v1/dashboard: the back office dashboard's figures; an operator gets only its own customers. */
@Path("dashboard")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class DashboardResource {

    @Inject
    CertificateStatistics statistics;

    @Context
    HttpServletRequest request;

    @GET
    public DashboardFigures figures() {
        return statistics.figures(Caller.of(request).principal());
    }
}
