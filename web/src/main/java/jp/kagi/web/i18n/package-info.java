/** Language of the screens: Accept-Language picks Japanese or English first, the user can switch on every page. */
package jp.kagi.web.i18n;
