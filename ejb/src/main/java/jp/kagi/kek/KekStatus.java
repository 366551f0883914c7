package jp.kagi.kek;

import java.util.List;
import java.util.Map;

/**
 * What the KEK looks like now: the version that seals, the versions still held, data keys per version, private keys
 * still sealed under the KEK itself (before 12/sealing), and the last rotation pass.
 */
public record KekStatus(int currentVersion, List<Integer> heldVersions, Map<Integer, Long> dataKeysPerVersion,
                        long legacyKeys, KekProgress lastPass) {

    /** True when every data key is under the newest version and no key waits sealed under the KEK itself. */
    public boolean rotated() {
        return legacyKeys == 0 && dataKeysPerVersion.keySet().stream().allMatch(v -> v == currentVersion);
    }
}
