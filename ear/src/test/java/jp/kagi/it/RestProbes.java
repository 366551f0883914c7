package jp.kagi.it;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * One line per REST resource method ("VERB path template", as JAX-RS declares it): a request that aims it at
 * customer B's objects, or (in {@link #PUBLIC}) why it needs no caller. {@link AuthzIT} fails on an endpoint listed in
 * neither, so a new endpoint cannot ship unprobed.
 */
final class RestProbes {

    /** As {@link ServiceProbes.Kind}, for answers: 404/403 instead of exceptions. */
    record Probe(ServiceProbes.Kind kind, Function<Api, Api.Response> send) {
    }

    /** Endpoints that take no caller, each with the reason. */
    static final Map<String, String> PUBLIC = Map.of(
            "GET openapi.yaml", "the API's own description, published without sign-in so that clients can be generated",
            "GET tokens", "the caller's own API tokens (a CA admin's: anyone's); no customer data (ApiTokenIT)",
            "GET tokens/{id}", "the caller's own API token; another user's is 404 (ApiTokenIT)",
            "POST tokens", "creates a token for the caller itself, with the caller's own scope; an auditor may hold one"
                    + " to read (ApiTokenIT)",
            "DELETE tokens/{id}", "revokes the caller's own token; another user's is 404 (ApiTokenIT)");

    private RestProbes() {
    }

    /** Every probe, aimed at {@code t}. Add one line here for a new endpoint. */
    static Map<String, Probe> probes(ServiceProbes.Target t) {
        Map<String, Probe> p = new LinkedHashMap<>();
        String b = enc(t.customer());
        String fresh = "authz-new-" + t.suffix();
        String user = "/api/v1/accounts/" + t.userId();
        String cert = "/api/v1/certificates/" + t.serial();
        String campaign = "/api/v1/campaigns/" + t.campaign();
        String job = "/api/v1/imports/" + t.job();
        String later = LocalDate.now(ZoneOffset.UTC).plusDays(50).toString();
        byte[] csv = ("customer,email,displayName,language\r\n" + t.customer() + "," + fresh + "@example.jp,New,ja\r\n")
                .getBytes(StandardCharsets.UTF_8);
        String newCampaign = "{\"name\":\"Authz other " + t.suffix() + "\",\"customers\":[\"" + t.customer()
                + "\"],\"completion\":\"" + later + "\",\"reminders\":[\"P1D\"]}";
        ServiceProbes.Kind sees = ServiceProbes.Kind.SEES;
        ServiceProbes.Kind refused = ServiceProbes.Kind.REFUSED;
        ServiceProbes.Kind change = ServiceProbes.Kind.CHANGE;
        ServiceProbes.Kind caAdmin = ServiceProbes.Kind.CA_ADMIN;

        add(p, "GET accounts", sees, api -> api.get("/api/v1/accounts?customer=" + b));
        add(p, "POST accounts", change, api -> api.post("/api/v1/accounts", "{\"customer\":\"" + t.customer()
                + "\",\"email\":\"" + fresh + "@example.jp\",\"displayName\":\"X\",\"language\":\"ja\"}"));
        add(p, "POST accounts/import", ServiceProbes.Kind.OWN_CHANGE,
                api -> api.postBytes("/api/v1/accounts/import?dryRun=true", csv, "text/csv"));
        add(p, "POST accounts/{userId}/disable", change, api -> api.post(user + "/disable", ""));
        add(p, "POST accounts/{userId}/enable", change, api -> api.post(user + "/enable", ""));
        add(p, "GET accounts/{userId}", sees, api -> api.get(user));
        add(p, "PUT accounts/{userId}", change, api -> api.put(user, "{\"displayName\":\"Changed\"}"));
        add(p, "POST accounts/{userId}/reset-password", change, api -> api.post(user + "/reset-password", ""));
        add(p, "POST admins", caAdmin, api -> api.post("/api/v1/admins", "{\"userId\":\"" + fresh
                + "\",\"password\":\"authz-password-1\",\"role\":\"OPERATOR\",\"customers\":[\"" + t.customer() + "\"]}"));
        add(p, "GET admins/{userId}", caAdmin, api -> api.get("/api/v1/admins/admin"));
        add(p, "GET admins", caAdmin, api -> api.get("/api/v1/admins"));
        // harmless if it ever went through (admin stays an active CA admin), but it must be refused
        add(p, "PUT admins/{userId}", caAdmin, api -> api.put("/api/v1/admins/admin", "{\"active\":true}"));
        add(p, "POST admins/{userId}/password", caAdmin, api -> api.post("/api/v1/admins/authz-nobody-" + t.suffix()
                + "/password", "{\"password\":\"authz-new-password-1\"}"));
        add(p, "GET audit/verify", refused, api -> api.get("/api/v1/audit/verify"));
        add(p, "GET ca/root-key", caAdmin, api -> api.get("/api/v1/ca/root-key"));
        add(p, "POST ca/root-key/offline", caAdmin, api -> api.post("/api/v1/ca/root-key/offline",
                "{\"password\":\"authz-export-password\"}"));
        add(p, "GET kek", refused, api -> api.get("/api/v1/kek"));
        add(p, "POST kek/versions", caAdmin, api -> api.post("/api/v1/kek/versions", ""));
        add(p, "DELETE kek/versions/{version}", caAdmin, api -> api.delete("/api/v1/kek/versions/1"));
        add(p, "GET audit", sees, api -> api.get("/api/v1/audit?objectId=" + b));
        add(p, "GET audit/export.csv", sees, api -> api.get("/api/v1/audit/export.csv?objectId=" + b));
        add(p, "GET campaigns", sees, api -> api.get("/api/v1/campaigns"));
        add(p, "POST campaigns", caAdmin, api -> api.post("/api/v1/campaigns", newCampaign));
        add(p, "GET campaigns/{id}", sees, api -> api.get(campaign));
        add(p, "POST campaigns/{id}/launch", caAdmin, api -> api.post(campaign + "/launch", ""));
        add(p, "PUT campaigns/{id}", caAdmin, api -> api.put(campaign, "{\"completion\":\"" + later + "\"}"));
        add(p, "POST campaigns/{id}/cancel", caAdmin, api -> api.post(campaign + "/cancel", ""));
        add(p, "POST campaigns/{id}/remind", change, api -> api.post(campaign + "/remind", "{}"));
        add(p, "GET campaigns/{id}/accounts", sees, api -> api.get(campaign + "/accounts"));
        add(p, "GET campaigns/{id}/accounts.csv", sees, api -> api.get(campaign + "/accounts.csv"));
        add(p, "GET campaigns/{id}/retrievals", refused, api -> api.get(campaign + "/retrievals"));
        add(p, "POST certificates", change, api -> api.post("/api/v1/certificates", "{\"userId\":\"" + t.userId() + "\"}"));
        add(p, "GET certificates", sees, api -> api.get("/api/v1/certificates?customer=" + b));
        add(p, "POST certificates/{serial}/revoke", change, api -> api.post(cert + "/revoke", "{\"reason\":\"keyCompromise\"}"));
        add(p, "POST certificates/{serial}/reissue", change, api -> api.post(cert + "/reissue", ""));
        add(p, "POST certificates/{serial}/resend", change, api -> api.post(cert + "/resend", "{\"mail\":\"notice\"}"));
        add(p, "GET certificates/{serial}/pem", refused, api -> api.get(cert + "/pem"));
        add(p, "GET certificates/export.csv", sees, api -> api.get("/api/v1/certificates/export.csv?customer=" + b));
        add(p, "GET certificates/{serial}", sees, api -> api.get(cert));
        add(p, "POST customers", caAdmin, api -> api.post("/api/v1/customers", "{\"name\":\"" + fresh
                + "\",\"contactEmail\":\"ca@example.jp\"}"));
        add(p, "GET customers", sees, api -> api.get("/api/v1/customers"));
        add(p, "GET customers/{name}", sees, api -> api.get("/api/v1/customers/" + b));
        add(p, "POST customers/{name}/deactivate", caAdmin, api -> api.post("/api/v1/customers/" + b + "/deactivate", ""));
        add(p, "POST customers/{name}/activate", caAdmin, api -> api.post("/api/v1/customers/" + b + "/activate", ""));
        add(p, "PUT customers/{name}/policy", caAdmin, api -> api.put("/api/v1/customers/" + b + "/policy",
                "{\"lockAfterIssuance\":\"P1D\"}"));
        add(p, "PUT customers/{name}", caAdmin, api -> api.put("/api/v1/customers/" + b, "{\"contactName\":\"Changed\"}"));
        add(p, "GET customers/{name}/asp-kit", refused, api -> api.get("/api/v1/customers/" + b + "/asp-kit"));
        add(p, "GET dashboard", sees, api -> api.get("/api/v1/dashboard"));
        add(p, "GET imports", sees, api -> api.get("/api/v1/imports"));
        add(p, "GET imports/{id}", sees, api -> api.get(job));
        add(p, "GET imports/{id}/rows", refused, api -> api.get(job + "/rows"));
        add(p, "POST imports/{id}/cancel", change, api -> api.post(job + "/cancel", ""));
        add(p, "GET mail", sees, api -> api.get("/api/v1/mail?to=" + enc(t.email())));
        add(p, "POST mail/{id}/retry", caAdmin, api -> api.post("/api/v1/mail/" + t.mail() + "/retry", ""));
        add(p, "GET renewals/due", sees, api -> api.get("/api/v1/renewals/due?withinDays=3650&customer=" + b));
        return p;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void add(Map<String, Probe> probes, String endpoint, ServiceProbes.Kind kind,
                            Function<Api, Api.Response> send) {
        if (probes.put(endpoint, new Probe(kind, send)) != null) {
            throw new IllegalStateException("two probes for " + endpoint);
        }
    }
}
