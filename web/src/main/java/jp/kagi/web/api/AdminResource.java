package jp.kagi.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jp.kagi.admin.AdminPrincipal;
import jp.kagi.admin.AdminService;
import jp.kagi.platform.KagiException;

/** /api/v1/admins: CA admins create back-office users. */
@Path("admins")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AdminResource {

    @Inject
    AdminService admins;

    @Context
    HttpServletRequest request;

    @POST
    public Response create(Requests.NewAdmin body) {
        Caller caller = Caller.of(request).requireCaAdmin();
        if (body == null) {
            throw KagiException.invalid("error.required", "body");
        }
        AdminPrincipal created = admins.create(caller.actor(), body.userId(), body.password(), body.role(),
                body.customers());
        return Response.status(Response.Status.CREATED).entity(created).build();
    }
}
