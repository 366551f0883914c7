package jp.kagi.admin;

import java.util.Set;

/** A back-office user as the staff screen and the API show it (never a password hash). */
public record StaffView(String userId, AdminRole role, Set<String> customers, boolean active,
        boolean mustChangePassword) {

    public StaffView {
        customers = Set.copyOf(customers);
    }
}
