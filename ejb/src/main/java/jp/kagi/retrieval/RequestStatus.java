package jp.kagi.retrieval;

/** PENDING until the first download, RETRIEVED after it (downloads may repeat), LOCKED for good. */
public enum RequestStatus { PENDING, RETRIEVED, LOCKED }
