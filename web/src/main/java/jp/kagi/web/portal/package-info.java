/**
 * The end-user portal (/portal/), as the seed manual walks the user through it: Login, 鍵の取得 with リクエストID,
 * パスワード and パスワードの確認, Submit, Download, ログアウト and ログアウト完了; plus the user's certificates and
 * the install guide. Backing beans are named after what the user does.
 */
package jp.kagi.web.portal;
