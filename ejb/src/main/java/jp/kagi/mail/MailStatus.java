package jp.kagi.mail;

/** Where a mail is in its life: waiting (first try or retry), delivered, or given up after the last retry. */
public enum MailStatus { PENDING, SENT, FAILED }
