package jp.kagi.it;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.jboss.arquillian.container.test.api.Testable;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The EAR the build produced, exactly as it ships, optionally with test classes added to its EJB module. */
final class KagiDeployment {

    /** Arquillian's in-container runner, reached over plain HTTP by the test JVM. */
    private static final String RUNNER_CONSTRAINT = """
              <security-constraint>
                <web-resource-collection>
                  <web-resource-name>arquillian-test-runner</web-resource-name>
                  <url-pattern>/ArquillianServletRunnerEE9</url-pattern>
                </web-resource-collection>
                <user-data-constraint><transport-guarantee>NONE</transport-guarantee></user-data-constraint>
              </security-constraint>
            """;

    private KagiDeployment() {
    }

    static EnterpriseArchive shipped() {
        return ShrinkWrap.create(ZipImporter.class, "kagi.ear")
                .importFrom(new File(System.getProperty("kagi.ear", "target/kagi.ear")))
                .as(EnterpriseArchive.class);
    }

    /**
     * The shipped EAR with {@code classes} in its EJB module, where they see every EJB and observe its events. The
     * one change to shipped behaviour: Arquillian's runner path is exempt from the HTTPS redirect (exact patterns
     * beat /*), since the test JVM reaches it over plain HTTP.
     */
    static EnterpriseArchive withTestClasses(Class<?>... classes) {
        EnterpriseArchive ear = shipped();
        ear.getAsType(JavaArchive.class, "kagi-ejb.jar").addClasses(classes);
        WebArchive war = ear.getAsType(WebArchive.class, "kagi-web.war");
        String webXml = read(war.get("WEB-INF/web.xml").getAsset().openStream());
        war.setWebXML(new StringAsset(webXml.replace("<session-config>", RUNNER_CONSTRAINT + "\n  <session-config>")));
        // The EAR holds two WARs (kagi-asp.war on 8444): Arquillian's runner goes into the main one, reachable on 8080.
        Testable.archiveToTest(war);
        return ear;
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
