package jp.kagi.kek;

import java.time.Instant;

/**
 * The last (or running) rotation pass as the timer saw it: when it started and ended (null while running), and how
 * many data keys were re-wrapped, legacy private keys moved under their own data keys, mail bodies and waiting
 * passwords re-sealed.
 */
public record KekProgress(Instant started, Instant finished, long dataKeys, long legacyKeys, long mailBodies,
                          long passwords) {

    static final KekProgress NONE = new KekProgress(null, null, 0, 0, 0, 0);

    public long total() {
        return dataKeys + legacyKeys + mailBodies + passwords;
    }
}
