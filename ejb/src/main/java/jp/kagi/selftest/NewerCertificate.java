package jp.kagi.selftest;

/**
 * The newest valid certificate of an account beyond the one presented, by what its owner has done with it. It decides
 * the advice: choose it, retrieve it first, or ask for a reissue.
 */
enum NewerCertificate {
    /** There is none: the presented certificate is the newest. */
    NONE,
    /** Downloaded (or installed already somewhere): it only needs choosing. */
    RETRIEVED,
    /** Never downloaded, and its retrieval request is still open. */
    OPEN,
    /** Never downloaded, and its retrieval request is locked: only a reissue helps. */
    LOCKED
}
