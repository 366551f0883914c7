/**
 * Bulk import of accounts from a CSV file (UTF-8 or Shift_JIS, as Japanese offices export from Excel): a dry run
 * that reports every row's problem and writes nothing, and a persistent job that opens the valid rows' accounts and
 * issues their certificates row by row, so that a failed row never stops the others and a restart resumes the job.
 */
package jp.kagi.bulk;
