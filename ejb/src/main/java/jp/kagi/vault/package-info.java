/**
 * The key vault (issue 12/sealing): per-key data keys (DEKs) wrapped by the KEK, kept in their own table and deleted
 * when the key they open must be gone. Depends on ca (the KEK) only.
 */
package jp.kagi.vault;
