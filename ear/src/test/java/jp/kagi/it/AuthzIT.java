package jp.kagi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ejb.Singleton;
import jakarta.ejb.Stateful;
import jakarta.ejb.Stateless;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.kagi.account.NewAccount;
import jp.kagi.admin.AdminPrincipal;
import jp.kagi.admin.AdminRole;
import jp.kagi.issuance.IssuedCertificate;
import jp.kagi.mail.MailKind;
import jp.kagi.platform.CustomerScope;
import jp.kagi.platform.KagiException;
import jp.kagi.renewal.CampaignRequest;
import jp.kagi.retrieval.Requester;
import jp.kagi.retrieval.RetrievalService;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ArchivePath;
import org.jboss.shrinkwrap.api.Node;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 12, authorization where the data is. Every public EJB business method and every REST resource method is
 * found by reflection and aimed at customer B's objects: an operator of customer A reaches nothing of B (404 or 403,
 * or an answer naming nothing of B) and an auditor changes nothing (403); the data is the same afterwards. A method
 * with neither a probe nor a listed reason fails the test ({@link ServiceProbes}, {@link RestProbes}: one line each).
 * And a portal session of a disabled account, or of a deactivated customer's account, can no longer retrieve.
 */
@ExtendWith(ArquillianExtension.class)
class AuthzIT {

    private static final Pattern JA_PASSWORD = Pattern.compile("ID : (\\S+)\\s+パスワード : (\\S+)");
    private static final String OPERATOR_PASSWORD = "authz-operator-1";

    @Deployment
    static EnterpriseArchive deployment() {
        return KagiDeployment.withTestClasses(AuthzIT.class, ServiceProbes.class, AuthzData.class, RestProbes.class,
                Api.class, Poll.class, ItProbe.class, KagiDeployment.class);
    }

    @Inject
    BeanManager beans;

    @Inject
    ServiceProbes services;

    @Inject
    AuthzData data;

    @Inject
    ItProbe probe;

    @Inject
    RetrievalService retrieval;

    @Test
    void serviceMethodsCheckTheirCaller() {
        Set<String> methods = businessMethods();
        assertTrue(methods.contains("AccountService.create") && methods.size() > 100, "enumerated: " + methods);
        ServiceProbes.Target t = serviceTarget();
        Map<String, ServiceProbes.Probe> probes = services.probes(t);
        assertKnown(methods, probes.keySet(), ServiceProbes.UNCHECKED.keySet(), "ServiceProbes");

        AdminPrincipal operatorOfA = new AdminPrincipal("authz-op-a", AdminRole.OPERATOR, Set.of("AuthzA-" + t.suffix()));
        AdminPrincipal auditor = new AdminPrincipal("authz-auditor", AdminRole.AUDITOR, Set.of());
        List<String> failures = new ArrayList<>();
        probes.forEach((method, p) -> p.calls().forEach(call -> {
            if (p.kind() == ServiceProbes.Kind.SEES && !reaches(outcome(CustomerScope.SYSTEM, call), t)) {
                failures.add(method + ": the probe misses B (Kagi itself sees nothing of it)");
            }
        }));
        String before = data.fingerprint(t);
        probes.forEach((method, p) -> p.calls().forEach(call -> {
            String asOperator = outcome(operatorOfA, call);
            boolean refused = asOperator.equals("NOT_FOUND") || asOperator.equals("FORBIDDEN");
            boolean mayAnswer = p.kind() == ServiceProbes.Kind.SEES || p.kind() == ServiceProbes.Kind.OWN_CHANGE;
            if (!refused && !(mayAnswer && asOperator.startsWith("answer ") && !reaches(asOperator, t))) {
                failures.add(method + " as operator of A: " + asOperator);
            }
            if (changes(p.kind())) {
                String asAuditor = outcome(auditor, call);
                if (!asAuditor.equals("FORBIDDEN")) {
                    failures.add(method + " as auditor: " + asAuditor);
                }
            }
        }));
        assertEquals(List.of(), failures);
        assertEquals(before, data.fingerprint(t), "nothing changed");
    }

    @Test
    @RunAsClient
    void restMethodsCheckTheirCaller() throws IOException {
        Set<String> endpoints = restEndpoints();
        assertTrue(endpoints.contains("POST accounts") && endpoints.size() > 40, "enumerated: " + endpoints);
        Api admin = Api.admin();
        ServiceProbes.Target t = restTarget(admin);
        Map<String, RestProbes.Probe> probes = RestProbes.probes(t);
        assertKnown(endpoints, probes.keySet(), RestProbes.PUBLIC.keySet(), "RestProbes");

        Api operatorOfA = staff(admin, "authz-op-" + t.suffix(), "OPERATOR", "AuthzA-" + t.suffix());
        Api auditor = staff(admin, "authz-aud-" + t.suffix(), "AUDITOR", null);
        List<String> failures = new ArrayList<>();
        probes.forEach((endpoint, p) -> {
            if (p.kind() == ServiceProbes.Kind.SEES) {
                Api.Response control = p.send().apply(admin);
                if (control.status() != 200 || t.markers().stream().noneMatch(control.body()::contains)) {
                    failures.add(endpoint + ": the probe misses B (a CA admin sees nothing of it): " + control.status());
                }
            }
        });
        String before = snapshot(admin, t);
        probes.forEach((endpoint, p) -> {
            Api.Response asOperator = p.send().apply(operatorOfA);
            int s = asOperator.status();
            boolean answered = s / 100 == 2 && (p.kind() == ServiceProbes.Kind.SEES
                    ? t.markers().stream().noneMatch(asOperator.body()::contains)
                    : p.kind() == ServiceProbes.Kind.OWN_CHANGE && asOperator.body().contains("\"valid\":0"));
            if (s != 403 && s != 404 && !answered) {
                failures.add(endpoint + " as operator of A: " + s + " " + asOperator.body());
            }
            if (changes(p.kind())) {
                Api.Response asAuditor = p.send().apply(auditor);
                if (asAuditor.status() != 403) {
                    failures.add(endpoint + " as auditor: " + asAuditor.status() + " " + asAuditor.body());
                }
            }
        });
        assertEquals(List.of(), failures);
        assertEquals(before, snapshot(admin, t), "nothing changed");
    }

    /** The retrieval service reads the account and its customer on every call, whatever session the portal holds. */
    @Test
    void portalSessionOfDisabledAccountCannotRetrieve() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String customer = "AuthzP-" + suffix;
        String email = "authz-portal-" + suffix + "@example.jp";
        services.customers.create(ServiceProbes.ACTOR, CustomerScope.SYSTEM, customer, "ca@example.jp");
        String userId = services.accounts.create(ServiceProbes.ACTOR, CustomerScope.SYSTEM,
                new NewAccount(customer, email, "Portal User", "ja")).userId();
        IssuedCertificate issued = services.issuance.issue(ServiceProbes.ACTOR, CustomerScope.SYSTEM, userId);
        Matcher m = JA_PASSWORD.matcher(probe.mailBody(email, MailKind.REGISTRATION_REQUEST));
        assertTrue(m.find(), "the registration mail carries the password");
        String password = m.group(2);
        Requester session = new Requester(userId, "127.0.0.1", "AuthzIT"); // signed in while the account was active
        String id = issued.requestId();

        assertEquals(id, retrieval.prepare(session, id, password, password).requestId(), "an active account retrieves");
        services.accounts.setEnabled(ServiceProbes.ACTOR, CustomerScope.SYSTEM, userId, false);
        assertRefused(() -> retrieval.prepare(session, id, password, password));
        assertRefused(() -> retrieval.recordDownload(session, id));
        services.accounts.setEnabled(ServiceProbes.ACTOR, CustomerScope.SYSTEM, userId, true);
        assertEquals(id, retrieval.prepare(session, id, password, password).requestId(), "enabled again, it retrieves");

        services.customers.setActive(ServiceProbes.ACTOR, CustomerScope.SYSTEM, customer, false);
        assertRefused(() -> retrieval.prepare(session, id, password, password));
        assertRefused(() -> retrieval.recordDownload(session, id));
        services.customers.setActive(ServiceProbes.ACTOR, CustomerScope.SYSTEM, customer, true);
        retrieval.prepare(session, id, password, password);
        retrieval.recordDownload(session, id);
        assertEquals("RETRIEVED", probe.requestStatus(id));
    }

    private static void assertRefused(Runnable call) {
        KagiException e = assertThrows(KagiException.class, call::run);
        assertEquals("error.retrievalAccountInactive", e.messageKey());
        assertEquals(KagiException.Kind.FORBIDDEN, e.kind());
    }

    /** Customer B with an account, a certificate, its mails, a draft campaign and an import job; and customer A. */
    private ServiceProbes.Target serviceTarget() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String a = "AuthzA-" + suffix;
        String b = "AuthzB-" + suffix;
        String email = "authz-b-" + suffix + "@example.jp";
        CustomerScope kagi = CustomerScope.SYSTEM;
        services.customers.create(ServiceProbes.ACTOR, kagi, a, "ca@example.jp");
        services.customers.create(ServiceProbes.ACTOR, kagi, b, "ca@example.jp");
        String userId = services.accounts.create(ServiceProbes.ACTOR, kagi, new NewAccount(b, email, "Authz B", "ja"))
                .userId();
        String serial = services.issuance.issue(ServiceProbes.ACTOR, kagi, userId).serial();
        String campaignName = "AuthzCampaign-" + suffix;
        long campaign = services.campaigns.create(ServiceProbes.ACTOR, kagi, new CampaignRequest(campaignName,
                List.of(b), null, null, LocalDate.now(ZoneOffset.UTC).plusDays(30).toString(), List.of("P1D"), null,
                null, null, null, null, null)).id();
        byte[] csv = ("customer,email,displayName,language\r\n" + b + ",not-an-address,X,ja\r\n")
                .getBytes(StandardCharsets.UTF_8);
        long job = services.imports.start(ServiceProbes.ACTOR, kagi, b + ".csv", csv, false).jobId();
        Poll.until("the import job finished", Duration.ofSeconds(60),
                () -> !services.imports.job(kagi, job).orElseThrow().status().equals("RUNNING"));
        long mail = services.outbox.byRecipient(kagi, email, 0, 1).get(0).id();
        return new ServiceProbes.Target(b, userId, email, serial, campaign, campaignName, job, mail, suffix);
    }

    /** The same over the REST API, as the CA admin. */
    private static ServiceProbes.Target restTarget(Api admin) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String b = "AuthzB-" + suffix;
        String email = "authz-b-" + suffix + "@example.jp";
        for (String name : List.of("AuthzA-" + suffix, b)) {
            created(admin.post("/api/v1/customers", "{\"name\":\"" + name + "\",\"contactEmail\":\"ca@example.jp\"}"));
        }
        String userId = created(admin.post("/api/v1/accounts", "{\"customer\":\"" + b + "\",\"email\":\"" + email
                + "\",\"displayName\":\"Authz B\",\"language\":\"ja\"}")).json().getString("userId");
        String serial = created(admin.post("/api/v1/certificates", "{\"userId\":\"" + userId + "\"}")).json()
                .getString("serial");
        String campaignName = "AuthzCampaign-" + suffix;
        long campaign = created(admin.post("/api/v1/campaigns", "{\"name\":\"" + campaignName + "\",\"customers\":[\""
                + b + "\"],\"completion\":\"" + LocalDate.now(ZoneOffset.UTC).plusDays(30)
                + "\",\"reminders\":[\"P1D\"]}")).json().getJsonNumber("id").longValue();
        byte[] csv = ("customer,email,displayName,language\r\n" + b + ",not-an-address,X,ja\r\n")
                .getBytes(StandardCharsets.UTF_8);
        long job = created(admin.postBytes("/api/v1/accounts/import?dryRun=false&fileName=" + b + ".csv", csv,
                "text/csv")).json().getJsonNumber("jobId").longValue();
        Poll.until("the import job finished", Duration.ofSeconds(60),
                () -> !admin.get("/api/v1/imports/" + job).json().getString("status").equals("RUNNING"));
        long mail = admin.get("/api/v1/mail?to=" + RestProbes.enc(email)).array().getJsonObject(0)
                .getJsonNumber("id").longValue();
        return new ServiceProbes.Target(b, userId, email, serial, campaign, campaignName, job, mail, suffix);
    }

    private static Api.Response created(Api.Response r) {
        assertTrue(r.status() == 201 || r.status() == 202, r.status() + " " + r.body());
        return r;
    }

    private static Api staff(Api admin, String userId, String role, String customer) {
        created(admin.post("/api/v1/admins", "{\"userId\":\"" + userId + "\",\"password\":\"" + OPERATOR_PASSWORD
                + "\",\"role\":\"" + role + "\",\"customers\":[" + (customer == null ? "" : "\"" + customer + "\"") + "]}"));
        return Api.as(userId, OPERATOR_PASSWORD, "en");
    }

    /** What a probe could have changed, as the CA admin reads it. */
    private static String snapshot(Api admin, ServiceProbes.Target t) {
        String b = RestProbes.enc(t.customer());
        String fresh = "authz-new-" + t.suffix();
        StringBuilder s = new StringBuilder();
        for (String path : List.of("/api/v1/customers/" + b, "/api/v1/accounts?customer=" + b,
                "/api/v1/certificates?customer=" + b, "/api/v1/campaigns/" + t.campaign(), "/api/v1/customers",
                "/api/v1/imports/" + t.job())) {
            s.append(path).append(": ").append(admin.get(path).body()).append('\n');
        }
        s.append("new staff user: ").append(admin.get("/api/v1/admins/" + fresh).status()).append('\n');
        s.append("new customer: ").append(admin.get("/api/v1/customers/" + fresh).status()).append('\n');
        s.append("mails to B: ").append(admin.get("/api/v1/mail?to=" + RestProbes.enc(t.email())).array().size());
        return s.toString();
    }

    private static boolean changes(ServiceProbes.Kind kind) {
        return kind == ServiceProbes.Kind.CHANGE || kind == ServiceProbes.Kind.OWN_CHANGE
                || kind == ServiceProbes.Kind.CA_ADMIN;
    }

    /** "NOT_FOUND" / "FORBIDDEN" / … for a refusal, "answer …" for a result, "error …" for anything else. */
    private static String outcome(CustomerScope who, Function<CustomerScope, Object> call) {
        try {
            return "answer " + call.apply(who);
        } catch (KagiException e) {
            return e.kind().name();
        } catch (RuntimeException e) {
            return "error " + e;
        }
    }

    private static boolean reaches(String outcome, ServiceProbes.Target t) {
        return outcome.startsWith("answer ") && t.markers().stream().anyMatch(outcome::contains);
    }

    private static void assertKnown(Set<String> found, Set<String> probed, Set<String> listed, String where) {
        Set<String> unknown = new TreeSet<>(found);
        unknown.removeAll(probed);
        unknown.removeAll(listed);
        assertEquals(Set.of(), unknown, "methods without a probe: add one line each to " + where);
        Set<String> stale = new TreeSet<>(probed);
        stale.addAll(listed);
        stale.removeAll(found);
        assertEquals(Set.of(), stale, "probes or reasons for methods that are gone: remove them from " + where);
        Set<String> twice = new TreeSet<>(probed);
        twice.retainAll(listed);
        assertEquals(Set.of(), twice, "both probed and listed as unchecked in " + where);
    }

    /** "Class.method" of every public method of Kagi's session beans, as the container knows them. */
    private Set<String> businessMethods() {
        Set<String> found = new TreeSet<>();
        for (Bean<?> bean : beans.getBeans(Object.class, Any.Literal.INSTANCE)) {
            Class<?> c = bean.getBeanClass();
            if (!c.getName().startsWith("jp.kagi.") || c.getName().startsWith("jp.kagi.it.")
                    || !(c.isAnnotationPresent(Stateless.class) || c.isAnnotationPresent(Singleton.class)
                    || c.isAnnotationPresent(Stateful.class))) {
                continue;
            }
            for (Method m : c.getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers()) && !m.isSynthetic()) {
                    found.add(c.getSimpleName() + "." + m.getName());
                }
            }
        }
        return found;
    }

    /** "VERB path" of every JAX-RS resource method in the shipped web module (its classes read from the EAR). */
    private static Set<String> restEndpoints() throws IOException {
        WebArchive war = KagiDeployment.shipped().getAsType(WebArchive.class, "kagi-web.war");
        Path dir = Files.createTempDirectory("authz-web-classes");
        List<String> api = new ArrayList<>();
        String prefix = "/WEB-INF/classes/";
        for (Map.Entry<ArchivePath, Node> e : war.getContent().entrySet()) {
            String path = e.getKey().get();
            if (!path.startsWith(prefix) || !path.endsWith(".class") || e.getValue().getAsset() == null) {
                continue;
            }
            Path out = dir.resolve(path.substring(prefix.length()));
            Files.createDirectories(out.getParent());
            try (InputStream in = e.getValue().getAsset().openStream()) {
                Files.copy(in, out);
            }
            if (path.startsWith(prefix + "jp/kagi/web/api/")) {
                api.add(path.substring(prefix.length(), path.length() - ".class".length()).replace('/', '.'));
            }
        }
        Set<String> found = new TreeSet<>();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, AuthzIT.class.getClassLoader())) {
            for (String name : api) {
                Class<?> c = Class.forName(name, false, loader);
                jakarta.ws.rs.Path root = c.getAnnotation(jakarta.ws.rs.Path.class);
                if (root == null) {
                    continue;
                }
                for (Method m : c.getDeclaredMethods()) {
                    String verb = verb(m);
                    jakarta.ws.rs.Path sub = m.getAnnotation(jakarta.ws.rs.Path.class);
                    if (verb != null) {
                        found.add(verb + " " + template(root.value() + (sub == null ? "" : "/" + sub.value())));
                    }
                }
            }
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        return found;
    }

    private static String verb(Method m) {
        for (Annotation a : m.getAnnotations()) {
            HttpMethod http = a.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    /** "campaigns/{id: [0-9]{1,18}}/launch" becomes "campaigns/{id}/launch"; no leading, trailing or double slash. */
    static String template(String path) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < path.length(); i++) {
            char ch = path.charAt(i);
            if (ch == '{') {
                int depth = 1;
                int j = i + 1;
                StringBuilder name = new StringBuilder();
                boolean inName = true;
                while (depth > 0) {
                    char x = path.charAt(j++);
                    depth += x == '{' ? 1 : x == '}' ? -1 : 0;
                    if (x == ':' || depth == 0) {
                        inName = false;
                    }
                    if (inName) {
                        name.append(x);
                    }
                }
                out.append('{').append(name.toString().strip()).append('}');
                i = j - 1;
            } else if (ch != '/' || out.length() > 0 && out.charAt(out.length() - 1) != '/') {
                out.append(ch);
            }
        }
        String s = out.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
