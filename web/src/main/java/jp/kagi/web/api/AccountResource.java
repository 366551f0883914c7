package jp.kagi.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import jp.kagi.account.AccountEdit;
import jp.kagi.account.AccountEditService;
import jp.kagi.account.AccountService;
import jp.kagi.account.AccountView;
import jp.kagi.account.NewAccount;
import jp.kagi.bulk.ImportReport;
import jp.kagi.bulk.ImportService;
import jp.kagi.platform.KagiException;
import jp.kagi.platform.PageRequest;

/**
 * /api/v1/accounts: list a customer's accounts page by page, open an account (the password goes only into the
 * registration mail), read, edit, reset the password (the new one goes only into its mail), import many from a CSV
 * file.
 */
@Path("accounts")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AccountResource {

    @Inject
    AccountService accounts;

    @Inject
    ImportService imports;

    @Inject
    AccountEditService editor;

    @Context
    HttpServletRequest request;

    @Context
    UriInfo uriInfo;

    /**
     * The accounts of one customer, by user ID, {@code size} (default 100, at most 500) per page counted from 0, as
     * the certificate list pages. Paging arrives as text so that a bad page gets a translated problem; the service
     * checks the caller's scope (another customer's name answers 404 like an unknown one).
     */
    @GET
    public List<AccountView> list(@QueryParam("customer") String customer, @QueryParam("page") String page,
                                  @QueryParam("size") String size) {
        Caller caller = Caller.of(request);
        return accounts.list(caller.principal(), customer,
                PageRequest.parse(page, size, CertificateResource.PAGE_SIZE, AccountService.MAX_PAGE_SIZE));
    }

    @POST
    public Response create(NewAccount body) {
        if (body == null) {
            throw KagiException.invalid("error.required", "body");
        }
        Caller caller = Caller.of(request);
        AccountView created = accounts.create(caller.actor(), caller.principal(), body);
        return Response.created(Locations.of(uriInfo, AccountResource.class, "read", created.userId()))
                .entity(new Requests.CreatedAccount(created.userId())).build();
    }

    /**
     * Bulk import (SPEC.md): a CSV of {@code customer,email,displayName,language} in UTF-8 or Shift_JIS. A dry run
     * (the default) reports every row and writes nothing; a real run stores the job, answers 202 with the same report
     * and works the valid rows in the background (progress: {@code /api/v1/imports/{id}}).
     */
    @POST
    @Path("import")
    @Consumes({"text/csv", "text/plain", "application/octet-stream"})
    public Response importCsv(@QueryParam("dryRun") @DefaultValue("true") boolean dryRun,
                              @QueryParam("issue") @DefaultValue("false") boolean issue,
                              @QueryParam("fileName") String fileName, InputStream body,
                              @Context HttpHeaders headers) {
        Caller caller = Caller.of(request);
        Locale locale = Messages.locale(headers.getAcceptableLanguages());
        // the service reads the body itself, within the size and row limits, and stops at the first byte over
        try (InputStream csv = body) {
            if (dryRun) {
                return Response.ok(ImportReports.json(locale, true, imports.check(caller.principal(), csv))).build();
            }
            ImportReport report = imports.start(caller.actor(), caller.principal(), fileName, csv, issue);
            return Response.accepted(ImportReports.json(locale, false, report))
                    .location(Locations.of(uriInfo, ImportResource.class, "job", report.jobId())).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @POST
    @Path("{userId}/disable")
    public AccountView disable(@PathParam("userId") String userId) {
        return setEnabled(userId, false);
    }

    @POST
    @Path("{userId}/enable")
    public AccountView enable(@PathParam("userId") String userId) {
        return setEnabled(userId, true);
    }

    private AccountView setEnabled(String userId, boolean enabled) {
        Caller caller = Caller.of(request);
        return accounts.setEnabled(caller.actor(), caller.principal(), userId, enabled);
    }

    @GET
    @Path("{userId}")
    public AccountView read(@PathParam("userId") String userId) {
        return accounts.view(Caller.of(request).principal(), userId)
                .orElseThrow(() -> KagiException.notFound("error.accountUnknown", userId));
    }

    /** Edits e-mail (unique per customer, any case), display name and mail language; omitted fields keep theirs. */
    @PUT
    @Path("{userId}")
    public AccountView edit(@PathParam("userId") String userId, AccountEdit body) {
        Caller caller = Caller.of(request);
        return editor.edit(caller.actor(), caller.principal(), userId, body);
    }

    /**
     * 202: the new password is in the outbox, on its way to the user; the answer never holds it. Location: the
     * account.
     */
    @POST
    @Path("{userId}/reset-password")
    public Response resetPassword(@PathParam("userId") String userId) {
        Caller caller = Caller.of(request);
        AccountView account = editor.resetPassword(caller.actor(), caller.principal(), userId);
        return Response.accepted(account).location(Locations.of(uriInfo, AccountResource.class, "read",
                account.userId())).build();
    }
}
