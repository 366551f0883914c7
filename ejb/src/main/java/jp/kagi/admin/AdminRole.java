package jp.kagi.admin;

/** What a back-office user may do: everything, change its own customers only, or read only. */
public enum AdminRole { CA_ADMIN, OPERATOR, AUDITOR }
