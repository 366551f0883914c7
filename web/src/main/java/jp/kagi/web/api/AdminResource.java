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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jp.kagi.admin.AdminPrincipal;
import jp.kagi.admin.AdminService;
import jp.kagi.admin.PasswordChange;
import jp.kagi.admin.StaffAccounts;
import jp.kagi.admin.StaffChange;
import jp.kagi.admin.StaffView;
import jp.kagi.platform.KagiException;

/** /api/v1/admins: CA admins create, read and change back-office users; everyone changes their own password. */
@Path("admins")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AdminResource {

    @Inject
    AdminService admins;

    @Inject
    StaffAccounts staff;

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

    /** Every back-office user (CA admin): role, customers, active, whether a password change is pending. */
    @GET
    public java.util.List<StaffView> list() {
        return admins.list(Caller.of(request).principal());
    }

    /** A back-office user: role and, for an operator, its customers (CA admin). */
    @GET
    @Path("{userId}")
    public StaffView read(@PathParam("userId") String userId) {
        Caller caller = Caller.of(request);
        return admins.view(caller.principal(), userId)
                .orElseThrow(() -> KagiException.notFound("error.adminUnknown", userId));
    }

    /** Role, customers and whether the user may sign in (CA admin; the last active CA admin stays one). */
    @PUT
    @Path("{userId}")
    public StaffView update(@PathParam("userId") String userId, StaffChange body) {
        Caller caller = Caller.of(request);
        return staff.update(caller.principal(), caller.actor(), userId, body);
    }

    /** One's own password (with {@code currentPassword}), or a CA admin's reset of another user's. */
    @POST
    @Path("{userId}/password")
    public Response password(@PathParam("userId") String userId, PasswordChange body) {
        Caller caller = Caller.of(request);
        staff.changePassword(caller.principal(), caller.actor(), userId, body);
        return Response.noContent().build();
    }
}
