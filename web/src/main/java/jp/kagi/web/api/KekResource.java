package jp.kagi.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import jp.kagi.kek.KekService;
import jp.kagi.kek.KekStatus;

/** /api/v1/kek: KEK versions and their rotation (12/sealing). The service checks the caller; this only maps. */
@Path("kek")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class KekResource {

    @Inject
    KekService kek;

    @Context
    HttpServletRequest request;

    @GET
    public Map<String, Object> status() {
        KekStatus status = kek.status(Caller.of(request).principal());
        return Map.of("currentVersion", status.currentVersion(), "heldVersions", status.heldVersions(),
                "dataKeysPerVersion", status.dataKeysPerVersion(), "legacyKeys", status.legacyKeys(),
                "rotated", status.rotated(), "lastPass", status.lastPass());
    }

    @POST
    @Path("versions")
    public Map<String, Integer> introduce() {
        Caller caller = Caller.of(request);
        return Map.of("version", kek.introduceVersion(caller.principal(), caller.actor()));
    }

    @DELETE
    @Path("versions/{version}")
    public Response retire(@PathParam("version") int version) {
        Caller caller = Caller.of(request);
        kek.retireVersion(caller.principal(), caller.actor(), version);
        return Response.noContent().build();
    }
}
