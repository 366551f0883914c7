package jp.kagi.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Locale;
import jp.kagi.bulk.ImportJobView;
import jp.kagi.bulk.ImportService;
import jp.kagi.issuance.CertificateQuery;
import jp.kagi.platform.KagiException;

/** /api/v1/imports: the bulk import jobs, their progress and their per-row report; cancel a running one. */
@Path("imports")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ImportResource {

    @Inject
    ImportService imports;

    @Context
    HttpServletRequest request;

    @Context
    HttpHeaders headers;

    @GET
    public List<ImportJobView> recent() {
        return imports.recent(Caller.of(request).principal(), 50);
    }

    @GET
    @Path("{id: [0-9]{1,18}}")
    public ImportJobView job(@PathParam("id") long id) {
        return imports.job(Caller.of(request).principal(), id)
                .orElseThrow(() -> KagiException.notFound("error.import.unknown", id));
    }

    @GET
    @Path("{id: [0-9]{1,18}}/rows")
    public List<ImportReports.Row> rows(@PathParam("id") long id, @QueryParam("status") String status,
                                        @QueryParam("page") @DefaultValue("0") int page,
                                        @QueryParam("size") @DefaultValue("100") int size) {
        if (page < 0 || size < 1 || size > CertificateQuery.MAX_PAGE_SIZE) {
            throw KagiException.invalid("error.page", CertificateQuery.MAX_PAGE_SIZE);
        }
        Locale locale = Messages.locale(headers.getAcceptableLanguages());
        return imports.rows(Caller.of(request).principal(), id, status, page * size, size).stream()
                .map(row -> ImportReports.row(locale, row)).toList();
    }

    @POST
    @Path("{id: [0-9]{1,18}}/cancel")
    public ImportJobView cancel(@PathParam("id") long id) {
        Caller caller = Caller.of(request);
        return imports.cancel(caller.actor(), caller.principal(), id);
    }
}
