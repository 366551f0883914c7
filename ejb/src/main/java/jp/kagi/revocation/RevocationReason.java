package jp.kagi.revocation;

import java.util.Arrays;
import jp.kagi.platform.KagiException;
import org.bouncycastle.asn1.x509.CRLReason;

/** The RFC 5280 reasons a client certificate of Kagi can be revoked for (no CA compromise, no hold). */
public enum RevocationReason {
    unspecified(CRLReason.unspecified),
    keyCompromise(CRLReason.keyCompromise),
    affiliationChanged(CRLReason.affiliationChanged),
    superseded(CRLReason.superseded),
    cessationOfOperation(CRLReason.cessationOfOperation),
    privilegeWithdrawn(CRLReason.privilegeWithdrawn);

    private final int code;

    RevocationReason(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The reason an RFC 5280 code stands for; {@code unspecified} for a code Kagi does not use. */
    public static RevocationReason ofCode(int code) {
        return Arrays.stream(values()).filter(r -> r.code == code).findFirst().orElse(unspecified);
    }

    public static RevocationReason parse(String name) {
        return Arrays.stream(values()).filter(r -> r.name().equals(name == null ? "" : name.strip())).findFirst()
                .orElseThrow(() -> KagiException.invalid("error.revocationReason",
                        String.join(", ", Arrays.stream(values()).map(Enum::name).toList())));
    }
}
