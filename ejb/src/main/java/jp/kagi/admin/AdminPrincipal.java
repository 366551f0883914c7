package jp.kagi.admin;

import java.util.Set;
import jp.kagi.platform.CustomerScope;

/** A signed-in back-office user: who, in which role, and (for an operator) which customers. */
public record AdminPrincipal(String userId, AdminRole role, Set<String> customers) implements CustomerScope {

    public AdminPrincipal {
        customers = Set.copyOf(customers);
    }

    @Override
    public boolean mayChange(String customer) {
        return role == AdminRole.CA_ADMIN || role == AdminRole.OPERATOR && customers.contains(customer);
    }

    @Override
    public boolean maySee(String customer) {
        return role != AdminRole.OPERATOR || customers.contains(customer);
    }

    @Override
    public boolean isCaAdmin() {
        return role == AdminRole.CA_ADMIN;
    }

    @Override
    public boolean isReadOnly() {
        return role == AdminRole.AUDITOR;
    }

    @Override
    public Set<String> limitedTo() {
        return role == AdminRole.OPERATOR ? customers : null;
    }
}
