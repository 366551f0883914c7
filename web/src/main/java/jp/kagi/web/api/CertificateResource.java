package jp.kagi.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
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
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import jp.kagi.account.AccountService;
import jp.kagi.issuance.CertificateQuery;
import jp.kagi.issuance.CertificateSearch;
import jp.kagi.issuance.CertificateView;
import jp.kagi.issuance.IssuanceService;
import jp.kagi.issuance.IssuedCertificate;
import jp.kagi.issuance.MailResendService;
import jp.kagi.issuance.ResendResult;
import jp.kagi.platform.KagiException;
import jp.kagi.revocation.RevocationService;

/** /api/v1/certificates: issue for an account, list with filters and paging, read one by serial. */
@Path("certificates")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CertificateResource {

    static final int PAGE_SIZE = 100;

    @Inject
    IssuanceService issuance;

    @Inject
    AccountService accounts;

    @Inject
    CertificateQuery certificates;

    @Inject
    RevocationService revocation;

    @Inject
    MailResendService resend;

    @Context
    HttpServletRequest request;

    @Context
    UriInfo uriInfo;

    @POST
    public Response issue(Requests.NewCertificate body) {
        if (body == null || body.userId() == null || body.userId().isBlank()) {
            throw KagiException.invalid("error.required", "userId");
        }
        Caller caller = Caller.of(request);
        IssuedCertificate issued = issuance.issue(caller.actor(), caller.principal(), body.userId().strip());
        return Response.created(Locations.of(uriInfo, CertificateResource.class, "read", issued.serial()))
                .entity(issued).build();
    }

    @GET
    public List<CertificateView> list(@QueryParam("customer") String customer, @QueryParam("status") String status,
                                      @QueryParam("cn") String cn,
                                      @QueryParam("expiresWithinDays") String expiresWithinDays,
                                      @QueryParam("expiresFrom") String expiresFrom,
                                      @QueryParam("expiresTo") String expiresTo,
                                      @QueryParam("page") @DefaultValue("0") int page,
                                      @QueryParam("size") @DefaultValue("100") int size) {
        var search = CertificateSearch.of(customer, status, cn, expiresWithinDays, expiresFrom, expiresTo);
        return certificates.list(Caller.of(request).principal(), search, page, size);
    }

    /** Revokes with an RFC 5280 reason; the certificate's open retrieval request locks with it. */
    @POST
    @Path("{serial: [0-9A-Fa-f]{1,64}}/revoke")
    public CertificateView revoke(@PathParam("serial") String serial, Requests.Revocation body) {
        Caller caller = Caller.of(request);
        revocation.revoke(caller.actor(), caller.principal(), serial, body == null ? null : body.reason());
        return certificates.bySerial(caller.principal(), serial).orElseThrow();
    }

    /** Reissue: a new key, certificate and Request ID for the same account; the old request locks for good. */
    @POST
    @Path("{serial: [0-9A-Fa-f]{1,64}}/reissue")
    public Response reissue(@PathParam("serial") String serial) {
        Caller caller = Caller.of(request);
        IssuedCertificate issued = issuance.reissue(caller.actor(), caller.principal(), serial);
        return Response.created(Locations.of(uriInfo, CertificateResource.class, "read", issued.serial()))
                .entity(issued).build();
    }

    /**
     * Sends the issuance notice ({"mail":"notice"}) or the registration request ({"mail":"registration"}, with a
     * freshly drawn password) again; refused once the retrieval request is locked, revoked or superseded. 202 with
     * the certificate as Location.
     */
    @POST
    @Path("{serial: [0-9A-Fa-f]{1,64}}/resend")
    public Response resend(@PathParam("serial") String serial, Requests.Resend body) {
        Caller caller = Caller.of(request);
        ResendResult result = resend.resend(caller.actor(), caller.principal(), serial, body == null ? null : body.mail());
        return Response.accepted(result)
                .location(Locations.of(uriInfo, CertificateResource.class, "read", result.serial())).build();
    }

    /** The certificate as PEM, for the admin to hand to a relying party or to check with openssl. */
    @GET
    @Path("{serial: [0-9A-Fa-f]{1,64}}/pem")
    @Produces("application/x-pem-file")
    public String pem(@PathParam("serial") String serial) {
        byte[] der = certificates.der(Caller.of(request).principal(), serial)
                .orElseThrow(() -> KagiException.notFound("error.certificateUnknown", serial));
        return "-----BEGIN CERTIFICATE-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END CERTIFICATE-----\n";
    }

    /** The certificate list as CSV for Excel (UTF-8 with BOM, formula-safe), paged from the database as it streams. */
    @GET
    @Path("export.csv")
    @Produces("text/csv;charset=UTF-8")
    public Response export(@QueryParam("customer") String customer, @QueryParam("status") String status,
                           @QueryParam("cn") String cn, @QueryParam("expiresWithinDays") String expiresWithinDays,
                           @QueryParam("expiresFrom") String expiresFrom, @QueryParam("expiresTo") String expiresTo) {
        Caller caller = Caller.of(request);
        var search = CertificateSearch.of(customer, status, cn, expiresWithinDays, expiresFrom, expiresTo);
        certificates.exportStarted(caller.actor(), caller.principal(), search); // refuses a bad status; audits
        jakarta.ws.rs.core.StreamingOutput body = out -> jp.kagi.issuance.CertificateCsv.write(
                new java.io.OutputStreamWriter(out, java.nio.charset.StandardCharsets.UTF_8),
                page -> certificates.list(caller.principal(), search, page, CertificateQuery.MAX_PAGE_SIZE));
        return Response.ok(body).header("Content-Disposition", "attachment; filename=\"certificates.csv\"").build();
    }

    @GET
    @Path("{serial: [0-9A-Fa-f]{1,64}}")
    public CertificateView read(@PathParam("serial") String serial) {
        return certificates.bySerial(Caller.of(request).principal(), serial)
                .orElseThrow(() -> KagiException.notFound("error.certificateUnknown", serial));
    }
}
