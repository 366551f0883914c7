package jp.kagi.account;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The throttle's rules again, through the compare-and-set code that runs against WildFly's Infinispan cache (here over
 * a ConcurrentHashMap, which has the same putIfAbsent / replace / remove contract), parallel guesses included.
 */
class CacheThrottleStoreTest extends AttemptThrottleTest {

    @Override
    AttemptThrottle newThrottle(Clock clock) {
        return new AttemptThrottle(clock, new CacheThrottleStore(new ConcurrentHashMap<>()));
    }
}
