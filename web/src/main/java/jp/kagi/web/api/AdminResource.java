package jp.kagi.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jp.kagi.admin.AdminPrincipal;
import jp.kagi.admin.AdminService;
import jp.kagi.platform.KagiException;

/** /api/v1/admins: CA admins create and read back-office users. */
@Path("admins")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AdminResource {

    @Inject
    AdminService admins;

    @Context
    HttpServletRequest request;

    @Context
    UriInfo uriInfo;

    @POST
    public Response create(Requests.NewAdmin body) {
        Caller caller = Caller.of(request);
        if (body == null) {
            throw KagiException.invalid("error.required", "body");
        }
        AdminPrincipal created = admins.create(caller.actor(), caller.principal(), body.userId(), body.password(), body.role(),
                body.customers());
        return Response.created(Locations.of(uriInfo, AdminResource.class, "read", created.userId()))
                .entity(created).build();
    }

    /** A back-office user: role and, for an operator, its customers (CA admin). */
    @GET
    @Path("{userId}")
    public AdminPrincipal read(@PathParam("userId") String userId) {
        return admins.view(Caller.of(request).principal(), userId).orElseThrow(() -> KagiException.notFound("error.adminUnknown", userId));
    }
}
