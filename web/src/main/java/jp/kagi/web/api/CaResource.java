package jp.kagi.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import jp.kagi.audit.AuditLog;
import jp.kagi.ca.CertificateAuthority;
import jp.kagi.platform.KagiException;

/**
 * /api/v1/ca/root-key: whether the root CA key is online, and the one-time action that exports it (PKCS#12 under
 * a password the CA admin gives) and removes it from the online keystore. CA admins only; the export is audited.
 */
@Path("ca/root-key")
@RequestScoped
public class CaResource {

    static final String PKCS12 = "application/x-pkcs12";

    @Inject
    CertificateAuthority ca;

    @Inject
    AuditLog log;

    @Context
    HttpServletRequest request;

    /** The body of the export: the password that protects the exported PKCS#12 (never stored, never logged). */
    public record RootKeyExport(String password) {
    }

    /** {"online": true|false}. */
    public record RootKeyState(boolean online) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public RootKeyState state() {
        return new RootKeyState(ca.rootKeyOnline(Caller.of(request).principal()));
    }

    @POST
    @Path("offline")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(PKCS12)
    public Response takeOffline(RootKeyExport body) {
        Caller caller = Caller.of(request);
        if (body == null || body.password() == null || body.password().isEmpty()) {
            throw KagiException.invalid("error.required", "password");
        }
        char[] password = body.password().toCharArray();
        byte[] export;
        try {
            export = ca.takeRootKeyOffline(caller.principal(), password);
        } finally {
            Arrays.fill(password, '\0');
        }
        log.record(caller.actor(), "ca.rootKey.offline", "ca", "root",
                "root key exported (PKCS#12) and removed from the online keystore");
        return Response.ok(export, PKCS12)
                .header("Content-Disposition", "attachment; filename=\"kagi-root-key.p12\"")
                .header("Cache-Control", "no-store").build();
    }
}
