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
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import jp.kagi.audit.AuditCsv;
import jp.kagi.audit.AuditEntry;
import jp.kagi.audit.AuditFilter;
import jp.kagi.audit.AuditQuery;
import jp.kagi.audit.AuditVerification;
import jp.kagi.audit.AuditVerifier;
import jp.kagi.platform.PageRequest;

/**
 * /api/v1/audit: the audit log, filtered, paged newest first, and as CSV. CA admins and auditors only: the log spans
 * every customer, and an operator is scoped to some. Paging arrives as text so that a bad page gets a translated
 * problem instead of JAX-RS's bare 404.
 */
@Path("audit")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    static final int PAGE_SIZE = 100;

    @Inject
    AuditQuery audit;

    @Inject
    AuditVerifier verifier;

    @Context
    HttpServletRequest request;

    @GET
    public List<AuditEntry> list(@QueryParam("actor") String actor, @QueryParam("action") String action,
                                 @QueryParam("objectType") String objectType, @QueryParam("objectId") String objectId,
                                 @QueryParam("from") String from, @QueryParam("to") String to,
                                 @QueryParam("sourceAddress") String sourceAddress,
                                 @QueryParam("page") String page, @QueryParam("size") String size) {
        Caller caller = Caller.of(request);
        AuditFilter filter = AuditFilter.of(actor, action, objectType, objectId, from, to, sourceAddress);
        return audit.list(caller.principal(), filter, PageRequest.parse(page, size, PAGE_SIZE, AuditQuery.MAX_PAGE_SIZE));
    }

    /** The filtered log as CSV for Excel (UTF-8 with BOM, formula-safe), streamed chunk by chunk. */
    @GET
    @Path("export.csv")
    @Produces("text/csv;charset=UTF-8")
    public Response export(@QueryParam("actor") String actor, @QueryParam("action") String action,
                           @QueryParam("objectType") String objectType, @QueryParam("objectId") String objectId,
                           @QueryParam("from") String from, @QueryParam("to") String to,
                           @QueryParam("sourceAddress") String sourceAddress) {
        Caller caller = Caller.of(request);
        AuditFilter filter = AuditFilter.of(actor, action, objectType, objectId, from, to, sourceAddress);
        audit.exportStarted(caller.actor(), caller.principal(), filter);
        StreamingOutput body = out -> {
            var writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            AuditCsv.write(writer, cursor -> audit.chunk(caller.principal(), filter, cursor, AuditCsv.CHUNK));
            writer.flush();
        };
        return Response.ok(body).header("Content-Disposition", "attachment; filename=\"audit-log.csv\"").build();
    }

    /** Re-walks the hash chain and the CA-signed checkpoints (SPEC: intact up to N, or the first broken record). */
    @GET
    @Path("verify")
    public AuditVerification verify() {
        return verifier.verify(Caller.of(request).principal());
    }
}
