package jp.kagi.renewal;

import java.time.LocalDate;

/** How many new keys were retrieved on one day (in the CA's zone), for the campaign's chart. */
public record DailyCount(LocalDate day, long count) {
}
