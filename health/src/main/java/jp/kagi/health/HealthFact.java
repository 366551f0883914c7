package jp.kagi.health;

import java.io.Serializable;
import java.util.Map;

/** One answer of {@link HealthFacts}: up or not, and what the check shows in its data (no customer data). */
public record HealthFact(boolean up, Map<String, String> data) implements Serializable {

    public HealthFact {
        data = Map.copyOf(data);
    }
}
