package jp.kagi.admin;

/**
 * What a back-office session keeps: the principal and a stamp of the password it signed in with. A session whose
 * stamp no longer matches (the password changed) or whose user was disabled ends at its next request.
 */
public record StaffSession(AdminPrincipal principal, String stamp) {

    @Override
    public String toString() {
        return "StaffSession[" + principal + "]";
    }
}
