package jp.kagi.health;

/**
 * What Kagi's health checks ask the EJB module (jp.kagi.status.KagiHealth implements it as its local business
 * interface). Plain Java in the EAR's lib/ folder so that both sides see the same type. Every answer may be a few
 * seconds old: the implementation caches, so that a prober polling every second stays cheap.
 */
public interface HealthFacts {

    /** Found at this JNDI name by {@link Facts} (application kagi, module kagi-ejb). */
    String JNDI = "java:global/kagi/kagi-ejb/KagiHealth!jp.kagi.health.HealthFacts";

    /** The EJB module answers at all (liveness). */
    HealthFact application();

    /** The database answers a one-row query within its timeout. */
    HealthFact database();

    /** The CA is loaded and its issuing key (keystore or PKCS#11 token) makes a signature that verifies. */
    HealthFact caKey();

    /** The SMTP server accepts a TCP connection; {@code up} false means degraded, not down (mails wait). */
    HealthFact smtp();
}
