/**
 * The back office's dashboard: certificate figures per customer and in total, counted by grouped aggregate queries
 * in the database (never by loading certificates), and the Chart.js models the dashboard draws from them.
 */
package jp.kagi.dashboard;
