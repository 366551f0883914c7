package jp.kagi.account;

/** An end user signed in to the portal: what the screens need to know, nothing secret. */
public record PortalUser(String userId, String displayName, String language, String customer)
        implements java.io.Serializable {
}
