package jp.kagi.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import jp.kagi.platform.KagiException;
import jp.kagi.platform.PageRequest;
import jp.kagi.renewal.CampaignCsv;
import jp.kagi.renewal.CampaignRequest;
import jp.kagi.renewal.CampaignRowView;
import jp.kagi.renewal.CampaignView;
import jp.kagi.renewal.DailyCount;
import jp.kagi.renewal.RenewalCampaigns;

/**
 * /api/v1/campaigns (SPEC.md "REST API v1"): preview and create a renewal campaign, launch it, read its figures and
 * rows (CSV too), remind, move its completion date, cancel. The role checks are the service's.
 */
@Path("campaigns")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CampaignResource {

    static final int PAGE_SIZE = 100;
    static final int MAX_PAGE_SIZE = 1000;

    /** {@code PUT /campaigns/{id}}: the new completion date. */
    public record Change(String completion) {
    }

    /** {@code POST /campaigns/{id}/remind}: one account, or (no body or no userId) every one not yet retrieved. */
    public record Remind(String userId) {
    }

    @Inject
    RenewalCampaigns campaigns;

    @Context
    HttpServletRequest request;

    @Context
    UriInfo uri;

    @GET
    public List<CampaignView> list() {
        return campaigns.list(Caller.of(request).principal(), 100);
    }

    /** {@code ?preview=true} answers what the campaign would do and writes nothing; otherwise 201 and Location. */
    @POST
    public Response create(@QueryParam("preview") String preview, CampaignRequest body) {
        Caller caller = Caller.of(request);
        if (preview != null && !"false".equalsIgnoreCase(preview.strip())) {
            if (!"true".equalsIgnoreCase(preview.strip())) {
                throw KagiException.invalid("error.boolean", "preview");
            }
            return Response.ok(campaigns.preview(caller.principal(), body)).build();
        }
        CampaignView created = campaigns.create(caller.actor(), caller.principal(), body);
        return Response.created(Locations.of(uri, CampaignResource.class, "read", created.id())).entity(created).build();
    }

    @GET
    @Path("{id: [0-9]{1,18}}")
    public CampaignView read(@PathParam("id") long id) {
        return campaigns.view(Caller.of(request).principal(), id)
                .orElseThrow(() -> KagiException.notFound("error.campaign.unknown", id));
    }

    @POST
    @Path("{id: [0-9]{1,18}}/launch")
    public CampaignView launch(@PathParam("id") long id) {
        Caller caller = Caller.of(request);
        return campaigns.launch(caller.actor(), caller.principal(), id);
    }

    @PUT
    @Path("{id: [0-9]{1,18}}")
    public CampaignView change(@PathParam("id") long id, Change body) {
        if (body == null) {
            throw KagiException.invalid("error.required", "completion");
        }
        Caller caller = Caller.of(request);
        return campaigns.extend(caller.actor(), caller.principal(), id, body.completion());
    }

    @POST
    @Path("{id: [0-9]{1,18}}/cancel")
    public CampaignView cancel(@PathParam("id") long id) {
        Caller caller = Caller.of(request);
        return campaigns.cancel(caller.actor(), caller.principal(), id);
    }

    @POST
    @Path("{id: [0-9]{1,18}}/remind")
    public Map<String, Integer> remind(@PathParam("id") long id, Remind body) {
        Caller caller = Caller.of(request);
        return Map.of("sent", campaigns.remind(caller.actor(), caller.principal(), id, body == null ? null : body.userId()));
    }

    /** A page of the campaign's accounts, optionally in one state (or NOT_RETRIEVED); X-Total-Count gives them all. */
    @GET
    @Path("{id: [0-9]{1,18}}/accounts")
    public Response accounts(@PathParam("id") long id, @QueryParam("status") String status,
                             @QueryParam("page") String page, @QueryParam("size") String size) {
        Caller caller = Caller.of(request);
        PageRequest p = PageRequest.parse(page, size, PAGE_SIZE, MAX_PAGE_SIZE);
        List<CampaignRowView> rows = campaigns.rows(caller.principal(), id, status, p);
        return Response.ok(rows).header("X-Total-Count", campaigns.countRows(caller.principal(), id, status)).build();
    }

    /** The same rows as CSV for Excel (UTF-8 with BOM, formula-safe), e.g. {@code ?status=NOT_RETRIEVED}. */
    @GET
    @Path("{id: [0-9]{1,18}}/accounts.csv")
    @Produces("text/csv;charset=UTF-8")
    public Response export(@PathParam("id") long id, @QueryParam("status") String status) {
        Caller caller = Caller.of(request);
        campaigns.countRows(caller.principal(), id, status); // refuses an unknown campaign or state before streaming
        StreamingOutput body = out -> CampaignCsv.write(new OutputStreamWriter(out, StandardCharsets.UTF_8),
                page -> campaigns.rows(caller.principal(), id, status, page));
        return Response.ok(body).header("Content-Disposition", "attachment; filename=\"campaign-" + id + ".csv\"")
                .build();
    }

    /** New keys retrieved per day, for the chart against the completion date. */
    @GET
    @Path("{id: [0-9]{1,18}}/retrievals")
    public List<DailyCount> retrievals(@PathParam("id") long id) {
        return campaigns.retrievalsPerDay(Caller.of(request).principal(), id);
    }
}
