package jp.kagi.renewal;

/** How many accounts of a customer are due for renewal. */
public record DueCount(String customer, long due) {
}
