package jp.kagi.web.api;

import java.util.List;

/** The JSON bodies the API accepts (SPEC.md "REST API v1"). */
public final class Requests {

    private Requests() {
    }

    public record NewCustomer(String name, String contactEmail) {
    }

    public record NewCertificate(String userId) {
    }

    public record NewAdmin(String userId, String password, String role, List<String> customers) {
    }

    public record CreatedAccount(String userId) {
    }

    public record Revocation(String reason) {
    }

    /** Which mail of a certificate to send again: "notice" or "registration". */
    public record Resend(String mail) {
    }

    /** A new API token: a label and when it expires (ISO-8601 duration such as P90D, or a date-time). */
    public record NewToken(String name, String expires) {
    }
}
