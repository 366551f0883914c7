package jp.kagi.health;

import java.util.function.Function;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * Looks {@link HealthFacts} up by its java:global name and turns one fact into a check response. The lookup is
 * repeated until it succeeds: during deployment (and after a redeployment) the EJB is not there yet, which is DOWN.
 */
final class Facts {

    private static volatile HealthFacts facts;

    private Facts() {
    }

    static HealthCheckResponse check(String name, Function<HealthFacts, HealthFact> question) {
        HealthCheckResponseBuilder answer = HealthCheckResponse.named(name);
        HealthFact fact;
        try {
            fact = question.apply(facts());
        } catch (NamingException | RuntimeException e) {
            facts = null; // an EJB proxy of an undeployed application: look it up again next time
            return answer.down().withData("error", e.getClass().getSimpleName()).build();
        }
        fact.data().forEach(answer::withData);
        return answer.status(fact.up()).build();
    }

    private static HealthFacts facts() throws NamingException {
        HealthFacts found = facts;
        if (found == null) {
            found = (HealthFacts) new InitialContext().lookup(HealthFacts.JNDI);
            facts = found;
        }
        return found;
    }
}
