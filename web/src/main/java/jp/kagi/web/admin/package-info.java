/**
 * The back office (/admin/): CA team sign-in with the same ユーザID / パスワード / Login labels as the portal, and the
 * desks for customers, accounts and certificates. Every action checks the signed-in user's role on the server.
 */
package jp.kagi.web.admin;
