package jp.kagi.web.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;
import jp.kagi.ca.CertificateAuthority;
import jp.kagi.web.admin.AdminSession;
import org.junit.jupiter.api.Test;

/** /health while the CA is down: the reason, which names a file, goes to signed-in staff only. */
class HealthServletTest {

    private static final String REASON = "cannot read /srv/kagi/data/ca/kagi-ca.p12";

    @Test
    void anAnonymousCallerGetsTheStatusAlone() throws Exception {
        String body = call(false, false);
        assertEquals("{\"status\":\"DOWN\"}", body);
        assertFalse(body.contains("/srv"));
    }

    @Test
    void aSessionWithoutASignedInAdminGetsTheStatusAlone() throws Exception {
        assertEquals("{\"status\":\"DOWN\"}", call(true, false));
    }

    @Test
    void aSignedInBackOfficeUserGetsTheReason() throws Exception {
        assertTrue(call(true, true).contains(REASON));
    }

    private static String call(boolean session, boolean signedIn) throws Exception {
        HealthServlet servlet = new HealthServlet();
        set(servlet, "ca", new CertificateAuthority() {
            @Override
            public boolean isReady() {
                return false;
            }

            @Override
            public String unavailableReason() {
                return REASON;
            }
        });
        set(servlet, "adminSession", new AdminSession() {
            private static final long serialVersionUID = 1L;

            @Override
            public boolean isSignedIn() {
                return signedIn;
            }
        });
        HttpSession httpSession = proxy(HttpSession.class, (name, args) -> null);
        HttpServletRequest request = proxy(HttpServletRequest.class,
                (name, args) -> "getSession".equals(name) ? (session ? httpSession : null) : null);
        StringWriter out = new StringWriter();
        PrintWriter writer = new PrintWriter(out);
        AtomicInteger status = new AtomicInteger();
        HttpServletResponse response = proxy(HttpServletResponse.class, (name, args) -> {
            if ("getWriter".equals(name)) {
                return writer;
            }
            if ("setStatus".equals(name)) {
                status.set((Integer) args[0]);
            }
            return null;
        });
        servlet.doGet(request, response);
        writer.flush();
        assertEquals(503, status.get());
        return out.toString();
    }

    private interface Answer {
        Object answer(String method, Object[] args);
    }

    private static <T> T proxy(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (p, method, args) -> answer.answer(method.getName(), args)));
    }

    private static void set(Object target, String field, Object value) throws ReflectiveOperationException {
        var f = HealthServlet.class.getDeclaredField(field);
        f.setAccessible(true);
        f.set(target, value);
    }
}
