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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import jp.kagi.mail.MailDelivery;
import jp.kagi.mail.MailView;
import jp.kagi.mail.Outbox;
import jp.kagi.platform.KagiException;

/**
 * /api/v1/mail: the outbox and each mail's delivery status (never a body). Operators are scoped to customers and
 * mails are addressed to people, so the outbox is for CA admins and auditors only.
 */
@Path("mail")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class MailResource {

    @Inject
    Outbox outbox;

    @Inject
    MailDelivery delivery;

    @Context
    HttpServletRequest request;

    @GET
    public List<MailView> list(@QueryParam("to") String to, @QueryParam("page") @DefaultValue("0") int page,
                               @QueryParam("size") @DefaultValue("100") int size) {
        Caller caller = Caller.of(request);
        if (page < 0 || size < 1 || size > 500) {
            throw KagiException.invalid("error.page", 500);
        }
        return outbox.byRecipient(caller.principal(), to, page * size, size);
    }

    @POST
    @Path("{id}/retry")
    public Response retry(@PathParam("id") long id) {
        Caller caller = Caller.of(request);
        if (!delivery.retry(caller.actor(), caller.principal(), id)) {
            throw KagiException.notFound("error.mailUnknown", id);
        }
        return Response.noContent().build();
    }
}
