package jp.kagi.account;

import java.util.Objects;
import java.util.concurrent.ConcurrentMap;
import java.util.function.UnaryOperator;

/**
 * The throttle's counters in an Infinispan cache, seen through its {@link ConcurrentMap} interface (so the EJB module
 * needs no Infinispan API). Each update is a compare-and-set loop of putIfAbsent / replace(key, old, new) /
 * remove(key, old): Infinispan runs these conditional writes atomically on the key's primary owner, across the
 * cluster, and only strings travel between nodes. Cache.compute would ship a lambda to the owner, which a clustered
 * cache would have to marshal.
 */
final class CacheThrottleStore implements ThrottleStore {

    private final ConcurrentMap<String, String> cache;

    CacheThrottleStore(ConcurrentMap<String, String> cache) {
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    @Override
    public String get(String key) {
        return cache.get(key);
    }

    @Override
    public String update(String key, UnaryOperator<String> change) {
        while (true) {
            String old = cache.get(key);
            String next = change.apply(old);
            if (Objects.equals(old, next)) {
                return old;
            }
            boolean done;
            if (old == null) {
                done = cache.putIfAbsent(key, next) == null;
            } else if (next == null) {
                done = cache.remove(key, old);
            } else {
                done = cache.replace(key, old, next);
            }
            if (done) {
                return next;
            }
            // another attempt (on this node or another) changed the key in between: it made progress, so retry
            Thread.onSpinWait();
        }
    }

    @Override
    public String remove(String key) {
        return cache.remove(key);
    }
}
