package jp.kagi.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import jp.kagi.admin.ApiTokens;
import jp.kagi.admin.CreatedToken;
import jp.kagi.admin.TokenView;
import jp.kagi.platform.KagiException;

/** /api/v1/tokens: every back-office user's own API tokens; a CA admin sees and revokes everyone's. */
@Path("tokens")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TokenResource {

    @Inject
    ApiTokens tokens;

    @Context
    HttpServletRequest request;

    @Context
    UriInfo uriInfo;

    /** 201 {"id","token"}: the only time the token is shown; never cached. */
    @POST
    public Response create(Requests.NewToken body) {
        Caller caller = Caller.of(request);
        if (body == null) {
            throw KagiException.invalid("error.required", "body");
        }
        CreatedToken created = tokens.create(caller.principal(), caller.actor(), body.name(), body.expires());
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.created(Locations.of(uriInfo, TokenResource.class, "read", created.id())).cacheControl(noStore).entity(created).build();
    }

    @GET
    public List<TokenView> list() {
        return tokens.list(Caller.of(request).principal());
    }

    /** One token as the list shows it (the Location of a new token). */
    @GET
    @Path("{id}")
    public TokenView read(@PathParam("id") String id) {
        long n = id(id);
        return tokens.list(Caller.of(request).principal()).stream().filter(t -> t.id() == n).findFirst()
                .orElseThrow(() -> KagiException.notFound("error.tokenNotFound", id));
    }

    @DELETE
    @Path("{id}")
    public Response revoke(@PathParam("id") String id) {
        Caller caller = Caller.of(request);
        tokens.revoke(caller.principal(), caller.actor(), id(id));
        return Response.noContent().build();
    }

    private static long id(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw KagiException.notFound("error.tokenNotFound", id);
        }
    }
}
