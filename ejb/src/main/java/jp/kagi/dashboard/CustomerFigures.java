package jp.kagi.dashboard;

import java.util.List;

/**
 * One customer's certificate figures (or the total, with customer null). {@code issued} counts every certificate
 * ever issued; pending/retrieved/locked are retrieval request states; the expiring counts hold certificates still
 * valid (status ISSUED, not yet expired) whose notAfter falls within 30 or 90 days (the 90 includes the 30);
 * {@code installed} counts certificates that passed the self-test on 8444 at least once (issue 11).
 */
public record CustomerFigures(String customer, long issued, long retrieved, long pending, long locked, long revoked,
                              long expiring30, long expiring90, long installed) {

    /** The sum over customers, as the dashboard's total row. */
    public static CustomerFigures total(List<CustomerFigures> rows) {
        long issued = 0;
        long retrieved = 0;
        long pending = 0;
        long locked = 0;
        long revoked = 0;
        long expiring30 = 0;
        long expiring90 = 0;
        long installed = 0;
        for (CustomerFigures r : rows) {
            issued += r.issued;
            retrieved += r.retrieved;
            pending += r.pending;
            locked += r.locked;
            revoked += r.revoked;
            expiring30 += r.expiring30;
            expiring90 += r.expiring90;
            installed += r.installed;
        }
        return new CustomerFigures(null, issued, retrieved, pending, locked, revoked, expiring30, expiring90, installed);
    }
}
