package jp.kagi.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class StaffRulesTest {

    @Test
    void aPendingPasswordChangeGrantsNothing() {
        AdminPrincipal admin = new AdminPrincipal("a", AdminRole.CA_ADMIN, Set.of(), true);
        AdminPrincipal operator = new AdminPrincipal("o", AdminRole.OPERATOR, Set.of("A"), true);
        assertFalse(admin.isCaAdmin());
        assertFalse(admin.mayChange("A") || admin.maySee("A"));
        assertFalse(operator.mayChange("A") || operator.maySee("A"));
        AdminPrincipal changed = new AdminPrincipal("o", AdminRole.OPERATOR, Set.of("A"));
        assertTrue(changed.mayChange("A") && changed.maySee("A") && !changed.maySee("B"));
    }

    @Test
    void theSessionStampFollowsThePasswordHashAndRevealsNoneOfIt() {
        String hash = "pbkdf2-sha256$600000$c2FsdA==$aGFzaA==";
        String stamp = PasswordStamp.of(hash);
        assertEquals(32, stamp.length());
        assertFalse(hash.contains(stamp));
        assertTrue(PasswordStamp.matches(stamp, hash));
        assertFalse(PasswordStamp.matches(stamp, hash + "x"), "a new password hash ends older sessions");
        assertFalse(PasswordStamp.matches(null, hash));
        assertNotEquals(stamp, PasswordStamp.of("other"));
    }

    @Test
    void onlyAGeneratedBootstrapPasswordMustBeChanged() {
        BootstrapPassword generated = BootstrapPassword.choose(java.util.Optional.empty(), new java.security.SecureRandom());
        assertTrue(generated.mustChange(), "it was printed to the log");
        assertTrue(generated.password().length() >= 12);
        BootstrapPassword configured = BootstrapPassword.choose(java.util.Optional.of("chosen-by-operator"),
                new java.security.SecureRandom());
        assertFalse(configured.mustChange());
        assertEquals("chosen-by-operator", configured.password());
        assertFalse(generated.toString().contains(generated.password()));
    }

    @Test
    void passwordsNeverShowInToString() {
        assertFalse(new PasswordChange("current-secret", "new-secret-123").toString().contains("secret"));
    }
}
