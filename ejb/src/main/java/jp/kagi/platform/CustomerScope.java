package jp.kagi.platform;

/**
 * Which customers a caller may see and change. The back-office user ({@code admin.AdminPrincipal}) is the one
 * implementation; services in the features take this type to check scope where the data is, without depending on
 * the admin package (which depends on them).
 */
public interface CustomerScope {

    /** May read the customer's objects; for the others the service answers "unknown", as for a missing one. */
    boolean maySee(String customer);

    /** May change the customer's objects. */
    boolean mayChange(String customer);

    /** A CA administrator (whole-CA actions such as taking the root key offline); only admin.AdminPrincipal says so. */
    default boolean isCaAdmin() {
        return false;
    }
}
