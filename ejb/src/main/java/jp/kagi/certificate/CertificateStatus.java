package jp.kagi.certificate;

/** A certificate's standing: valid as issued, or revoked (the expiry date is read from notAfter). */
public enum CertificateStatus { ISSUED, REVOKED }
