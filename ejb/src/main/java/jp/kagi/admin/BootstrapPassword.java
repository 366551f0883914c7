package jp.kagi.admin;

import java.security.SecureRandom;
import java.util.Optional;
import jp.kagi.platform.RandomCodes;

/**
 * The bootstrap CA admin's password: KAGI_ADMIN_PASSWORD if set (the operator's own choice), else a generated one
 * that was printed to the server log and so must be changed at first sign-in.
 */
record BootstrapPassword(String password, boolean mustChange) {

    static BootstrapPassword choose(Optional<String> configured, SecureRandom random) {
        return configured.map(p -> new BootstrapPassword(p, false))
                .orElseGet(() -> new BootstrapPassword(RandomCodes.password(random), true));
    }

    @Override
    public String toString() {
        return "BootstrapPassword[mustChange=" + mustChange + "]";
    }
}
