package jp.kagi.admin;

import java.util.Set;
import jp.kagi.platform.CustomerScope;

/**
 * A signed-in back-office user: who, in which role, (for an operator) which customers, and whether a password
 * someone else chose must be changed before anything else is allowed.
 */
public record AdminPrincipal(String userId, AdminRole role, Set<String> customers, boolean mustChangePassword)
        implements CustomerScope, java.io.Serializable {

    public AdminPrincipal {
        customers = Set.copyOf(customers);
    }

    public AdminPrincipal(String userId, AdminRole role, Set<String> customers) {
        this(userId, role, customers, false);
    }

    @Override
    public boolean mayChange(String customer) {
        return !mustChangePassword
                && (role == AdminRole.CA_ADMIN || role == AdminRole.OPERATOR && customers.contains(customer));
    }

    @Override
    public boolean maySee(String customer) {
        return !mustChangePassword && (role != AdminRole.OPERATOR || customers.contains(customer));
    }

    @Override
    public boolean isCaAdmin() {
        return role == AdminRole.CA_ADMIN && !mustChangePassword;
    }

    @Override
    public boolean isReadOnly() {
        return role == AdminRole.AUDITOR || mustChangePassword;
    }

    @Override
    public Set<String> limitedTo() {
        // until a password someone else chose is changed, no customer at all
        return mustChangePassword ? Set.of() : role == AdminRole.OPERATOR ? customers : null;
    }
}
