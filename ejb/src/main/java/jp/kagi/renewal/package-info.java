/**
 * Renewal (seed, second edition): who is due by each customer's cadence, campaigns that renew the targeted
 * customers' accounts in the background with the renewal pair of mails and a completion date, reminders on
 * persistent EJB timers, the lock and the summary at the completion date, and one last warning before an old
 * certificate expires.
 */
package jp.kagi.renewal;
