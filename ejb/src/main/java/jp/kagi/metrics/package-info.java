/**
 * Kagi's own metrics ({@code kagi_*}), exported by WildFly's Micrometer subsystem at the management interface's
 * {@code /metrics} (metrics.cli). Features call {@link KagiMeters} in one line where something happened; event
 * counters are per node and move only when the change commits (Prometheus sums the nodes). Figures that must agree
 * across a cluster and restarts (mails waiting, running jobs) are gauges read from the database
 * ({@link DatabaseGauges}). A leaf package: it imports no feature, so every feature may call it.
 */
package jp.kagi.metrics;
