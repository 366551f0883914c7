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
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import jp.kagi.customer.CustomerEdit;
import jp.kagi.customer.CustomerEditService;
import jp.kagi.customer.CustomerService;
import jp.kagi.customer.CustomerView;
import jp.kagi.customer.PolicyChange;
import jp.kagi.kit.AspKit;
import jp.kagi.kit.AspKits;
import jp.kagi.platform.KagiException;

/**
 * /api/v1/customers: create (CA admin), list, read, edit and rename (CA admin), change policy (CA admin), and the
 * ASP kit for the customer's own web server (whoever may see the customer).
 */
@Path("customers")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CustomerResource {

    @Inject
    CustomerService customers;

    @Inject
    CustomerEditService editor;

    @Inject
    AspKits kits;

    @Context
    HttpServletRequest request;

    @Context
    UriInfo uriInfo;

    @POST
    public Response create(Requests.NewCustomer body) {
        Caller caller = Caller.of(request);
        if (body == null) {
            throw KagiException.invalid("error.required", "body");
        }
        CustomerView created = customers.create(caller.actor(), caller.principal(), body.name(), body.contactEmail());
        return Response.created(Locations.of(uriInfo, CustomerResource.class, "read", created.name()))
                .entity(created).build();
    }

    @GET
    public List<CustomerView> list() {
        return customers.list(Caller.of(request).principal());
    }

    @GET
    @Path("{name}")
    public CustomerView read(@PathParam("name") String name) {
        return customers.view(Caller.of(request).principal(), name).orElseThrow(() -> KagiException.notFound("error.customerUnknown", name));
    }

    @POST
    @Path("{name}/deactivate")
    public CustomerView deactivate(@PathParam("name") String name) {
        Caller caller = Caller.of(request);
        return customers.setActive(caller.actor(), caller.principal(), name, false);
    }

    @POST
    @Path("{name}/activate")
    public CustomerView activate(@PathParam("name") String name) {
        Caller caller = Caller.of(request);
        return customers.setActive(caller.actor(), caller.principal(), name, true);
    }

    @PUT
    @Path("{name}/policy")
    public CustomerView changePolicy(@PathParam("name") String name, PolicyChange change) {
        Caller caller = Caller.of(request);
        return customers.changePolicy(caller.actor(), caller.principal(), name, change);
    }

    /**
     * Edits contact and mail settings and, with {@code name} in the body, renames (the OU of future certificates;
     * operators keep their scope). Omitted fields keep their value; "" clears an optional one.
     */
    @PUT
    @Path("{name}")
    public CustomerView edit(@PathParam("name") String name, CustomerEdit body) {
        Caller caller = Caller.of(request);
        if (body == null) {
            throw KagiException.invalid("error.required", "body");
        }
        return editor.edit(caller.actor(), caller.principal(), name, body, null);
    }

    /** The customer's ASP kit as a ZIP; {@link AspKits} checks scope (an operator: its customers only) and audits. */
    @GET
    @Path("{name}/asp-kit")
    @Produces("application/zip")
    public Response aspKit(@PathParam("name") String name) {
        Caller caller = Caller.of(request);
        AspKit kit = kits.download(caller.actor(), caller.principal(), name);
        StreamingOutput body = kit::writeZip;
        return Response.ok(body, "application/zip")
                .header("Content-Disposition", "attachment; filename=\"" + AspKit.FILE_NAME + "\"")
                .header("Cache-Control", "no-store").build();
    }
}
