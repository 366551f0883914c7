package jp.kagi.admin;

/** How a back-office user signs in: the JSF Login screen, HTTP Basic on the API, or an API token. */
public enum SignInChannel {
    SCREEN, BASIC, TOKEN
}
