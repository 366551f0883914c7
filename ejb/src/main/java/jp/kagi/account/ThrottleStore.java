package jp.kagi.account;

import java.util.function.UnaryOperator;

/**
 * Where {@link AttemptThrottle} keeps its counters: one value per key, each key changed atomically on its own. In
 * production this is WildFly's Infinispan cache {@code kagi/throttle}, shared by every node of a cluster; the unit
 * tests use a map in memory. Values are plain strings so that a replicated cache needs no marshalling of Kagi's types.
 */
interface ThrottleStore {

    /** The current value, or null. */
    String get(String key);

    /**
     * Replaces the value of one key with {@code change} applied to it, atomically for that key (null means absent):
     * the change may be applied more than once under contention and must have no side effect but its answer. Returns
     * the value now stored. An unchanged value is not written again (so it does not restart the entry's lifespan).
     */
    String update(String key, UnaryOperator<String> change);

    /** Removes the key; returns the value it had, or null. */
    String remove(String key);
}
