package jp.kagi.account;

/** Whether an account may log in and receive certificates. */
public enum AccountStatus { ACTIVE, DISABLED }
