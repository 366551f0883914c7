package jp.kagi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** API tokens (SPEC.md): shown once, used as Bearer with the owner's scope, listed, revoked, audited. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ApiTokenIT {

    private final Api admin = Api.admin();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return KagiDeployment.shipped();
    }

    @Test
    void aTokenActsAsItsOwnerUntilRevoked() {
        String customer = "token-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, admin.post("/api/v1/customers", "{\"name\":\"" + customer
                + "\",\"contactEmail\":\"ca@example.jp\"}").status());
        String op = "op-" + UUID.randomUUID().toString().substring(0, 8);
        String other = "op2-" + UUID.randomUUID().toString().substring(0, 8);
        for (String id : new String[] {op, other}) {
            assertEquals(201, admin.post("/api/v1/admins", "{\"userId\":\"" + id + "\",\"password\":\"operator-password\","
                    + "\"role\":\"OPERATOR\",\"customers\":[\"" + customer + "\"]}").status());
        }
        Api operator = Api.as(op, "operator-password", "en");

        Api.Response created = operator.post("/api/v1/tokens", "{\"name\":\"ci job\",\"expires\":\"P90D\"}");
        assertEquals(201, created.status(), created.body());
        String token = created.json().getString("token");
        long id = created.json().getJsonNumber("id").longValue();
        assertTrue(token.matches("kagi_[A-Za-z0-9_-]{59}"), token);

        Api bearer = Api.withAuthorization("Bearer " + token, "en");
        JsonArray mine = bearer.get("/api/v1/tokens").array();
        JsonObject shown = find(mine, id);
        assertEquals(op, shown.getString("owner"));
        assertFalse(shown.toString().contains(token.substring(10)), "the secret is never shown again");
        assertEquals(JsonValue.ValueType.STRING, shown.get("lastUsedAt").getValueType(), "last use recorded");
        assertEquals(403, bearer.get("/api/v1/admins/" + Api.ADMIN).status(), "an operator's token is an operator");
        assertEquals(200, bearer.get("/api/v1/customers/" + customer).status(), "and sees its customer");

        JsonObject seenByCaAdmin = find(admin.get("/api/v1/tokens").array(), id);
        assertEquals(op, seenByCaAdmin.getString("owner"), "a CA admin sees everyone's tokens, with the owner");
        assertTrue(Api.as(other, "operator-password", "en").get("/api/v1/tokens").array().stream()
                .noneMatch(t -> t.asJsonObject().getJsonNumber("id").longValue() == id), "another operator does not");
        assertEquals(404, Api.as(other, "operator-password", "en").delete("/api/v1/tokens/" + id).status());

        assertEquals(204, bearer.delete("/api/v1/tokens/" + id).status(), "the owner revokes it");
        assertEquals(401, elsewhere("Bearer " + token), "a revoked token no longer signs in");
        JsonArray trail = admin.get("/api/v1/audit?action=token.&objectType=token&objectId=" + id).array();
        assertTrue(trail.stream().anyMatch(r -> r.asJsonObject().getString("action").equals("token.create")), trail.toString());
        assertTrue(trail.stream().anyMatch(r -> r.asJsonObject().getString("action").equals("token.revoke")), trail.toString());
    }

    @Test
    void pastAbsentAndAbsurdExpiriesAreRefusedWithATranslatedProblem() {
        Api ja = admin.inLanguage("ja");
        for (String body : new String[] {"{\"name\":\"x\"}", "{\"name\":\"x\",\"expires\":\"2020-01-01T00:00:00Z\"}",
                "{\"name\":\"x\",\"expires\":\"P100Y\"}", "{\"name\":\"x\",\"expires\":\"soon\"}"}) {
            Api.Response r = ja.post("/api/v1/tokens", body);
            assertEquals(400, r.status(), body + " -> " + r.body());
            assertTrue(r.body().contains("有効期限"), r.body());
        }
        Api.Response dated = admin.post("/api/v1/tokens", "{\"name\":\"dated\",\"expires\":\"2099-01-01T00:00:00Z\"}");
        assertEquals(400, dated.status(), "more than a year away");
    }

    @Test
    void aWrongTokenIsUnauthenticatedWithoutAChallenge() {
        assertEquals(401, elsewhere("Bearer kagi_" + "A".repeat(59)));
        assertEquals(401, elsewhere("Bearer nonsense"));
    }

    /**
     * A refused sign-in counts against its address; sent "from" a documentation address (the test server trusts
     * X-Forwarded-For from loopback) so that the other tests' own address is not slowed down.
     */
    private int elsewhere(String authorization) {
        java.net.http.HttpResponse<String> r = admin.raw(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(Api.BASE + "/api/v1/tokens")).header("Authorization", authorization)
                .header("X-Forwarded-For", "192.0.2.77").GET().build());
        assertFalse(r.headers().firstValue("WWW-Authenticate").isPresent(), "no Basic challenge");
        return r.statusCode();
    }

    private static JsonObject find(JsonArray tokens, long id) {
        return tokens.stream().map(JsonValue::asJsonObject).filter(t -> t.getJsonNumber("id").longValue() == id)
                .findFirst().orElseThrow(() -> new AssertionError("token " + id + " not in " + tokens));
    }
}
