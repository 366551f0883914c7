/** What every response of the application carries, whatever feature answers it: the Content-Security-Policy. */
package jp.kagi.web.platform;
