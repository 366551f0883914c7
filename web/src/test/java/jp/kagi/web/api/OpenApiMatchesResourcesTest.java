package jp.kagi.web.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swagger.v3.oas.models.OpenAPI;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * openapi.yaml and the JAX-RS resources cannot drift apart: every resource method of {@code jp.kagi.web.api}
 * (class @Path + method @Path, its HTTP method) is a documented operation, and every documented operation has a
 * resource method. Path templates are compared without their regular expressions ({serial: [0-9A-F]+} is
 * {serial}); the document's server URL is the application path of {@link KagiApi}. A new endpoint therefore needs
 * its entry in openapi.yaml, under the same path and method, before this test passes.
 */
class OpenApiMatchesResourcesTest {

    private static final String PACKAGE = KagiApi.class.getPackageName();

    @Test
    void everyResourceMethodIsDocumentedAndEveryDocumentedOperationExists() throws Exception {
        Set<String> implemented = implementedOperations();
        Set<String> documented = documentedOperations();
        assertFalse(implemented.isEmpty(), "found resource methods in " + PACKAGE);

        Set<String> undocumented = new TreeSet<>(implemented);
        undocumented.removeAll(documented);
        Set<String> unimplemented = new TreeSet<>(documented);
        unimplemented.removeAll(implemented);
        assertTrue(undocumented.isEmpty() && unimplemented.isEmpty(),
                "resource methods missing from openapi.yaml: " + undocumented
                        + "; operations in openapi.yaml without a resource method: " + unimplemented);
    }

    @Test
    void theDocumentsServerIsTheApplicationPath() {
        OpenAPI api = OpenApiDocumentTest.parse().getOpenAPI();
        assertNotNull(api);
        String applicationPath = KagiApi.class.getAnnotation(ApplicationPath.class).value();
        assertEquals(List.of(applicationPath), api.getServers().stream().map(s -> s.getUrl()).toList());
    }

    @Test
    void templatesLoseTheirRegularExpressions() {
        assertEquals("/certificates/{serial}/pem", join("certificates", "{serial: [0-9A-Fa-f]{1,64}}/pem"));
        assertEquals("/imports/{id}", join("/imports/", "{id: [0-9]{1,18}}"));
        assertEquals("/customers", join("customers", null));
    }

    /** "GET /accounts/{userId}" for every resource method, relative to the application path. */
    static Set<String> implementedOperations() throws IOException, URISyntaxException, ClassNotFoundException {
        Set<String> operations = new TreeSet<>();
        for (Class<?> resource : resourceClasses()) {
            String classPath = resource.getAnnotation(Path.class).value();
            for (Method method : resource.getMethods()) {
                String httpMethod = httpMethod(method);
                Path path = method.getAnnotation(Path.class);
                if (httpMethod == null) {
                    assertTrue(path == null, "sub-resource locators are not checked: " + method);
                    continue;
                }
                String operation = httpMethod + " " + join(classPath, path == null ? null : path.value());
                assertTrue(operations.add(operation), "two resource methods answer " + operation);
            }
        }
        return operations;
    }

    /** "GET /accounts/{userId}" for every operation of openapi.yaml. */
    static Set<String> documentedOperations() {
        OpenAPI api = OpenApiDocumentTest.parse().getOpenAPI();
        assertNotNull(api, "openapi.yaml parses");
        Set<String> operations = new TreeSet<>();
        api.getPaths().forEach((path, item) -> item.readOperationsMap().keySet()
                .forEach(method -> operations.add(method.name() + " " + path)));
        return operations;
    }

    /** The root resource classes (class-level @Path) among the compiled classes of the API package. */
    private static List<Class<?>> resourceClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        java.nio.file.Path classes = java.nio.file.Path.of(
                KagiApi.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        java.nio.file.Path dir = classes.resolve(PACKAGE.replace('.', '/'));
        List<Class<?>> resources = new ArrayList<>();
        try (Stream<java.nio.file.Path> files = Files.list(dir)) {
            for (String file : files.map(f -> f.getFileName().toString()).sorted().toList()) {
                if (!file.endsWith(".class") || file.contains("$")) {
                    continue;
                }
                Class<?> type = Class.forName(PACKAGE + "." + file.substring(0, file.length() - ".class".length()),
                        false, KagiApi.class.getClassLoader());
                if (type.isAnnotationPresent(Path.class) && !Modifier.isAbstract(type.getModifiers())) {
                    resources.add(type);
                }
            }
        }
        assertFalse(resources.isEmpty(), "no resource classes under " + dir);
        return resources;
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    /** "/" + class path + "/" + method path, without doubled or trailing slashes, templates as {name}. */
    static String join(String classPath, String methodPath) {
        String joined = "/" + strip(classPath) + (methodPath == null || strip(methodPath).isEmpty() ? ""
                : "/" + strip(methodPath));
        return withoutRegularExpressions(joined);
    }

    private static String strip(String path) {
        return path.replaceAll("^/+|/+$", "");
    }

    /** {serial: [0-9A-F]{1,64}} becomes {serial}; braces inside the expression are balanced. */
    private static String withoutRegularExpressions(String path) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < path.length()) {
            char c = path.charAt(i);
            if (c != '{') {
                out.append(c);
                i++;
                continue;
            }
            int depth = 1;
            int end = i + 1;
            while (depth > 0) {
                char d = path.charAt(end++);
                depth += d == '{' ? 1 : d == '}' ? -1 : 0;
            }
            String template = path.substring(i + 1, end - 1);
            int colon = template.indexOf(':');
            out.append('{').append((colon < 0 ? template : template.substring(0, colon)).strip()).append('}');
            i = end;
        }
        return out.toString();
    }
}
