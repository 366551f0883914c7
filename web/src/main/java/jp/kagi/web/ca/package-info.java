/**
 * Publishes the CA's own certificates at the caIssuers address every client certificate names, so that relying
 * parties and browsers can build the chain.
 */
package jp.kagi.web.ca;
