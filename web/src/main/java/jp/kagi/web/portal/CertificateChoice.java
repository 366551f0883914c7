package jp.kagi.web.portal;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import jp.kagi.issuance.CertificateView;

/**
 * Seed 《クライアント証明書更新登録後の操作》: until the old certificate expires the browser offers both, and the user
 * chooses the one with the larger dscaXXXXX. This picks that one among the user's certificates that still work
 * (neither revoked nor expired); there is a choice only when at least two of them do.
 */
public record CertificateChoice(String newer, List<String> older) {

    /** The choice the user faces, if two or more of the certificates still work. */
    public static Optional<CertificateChoice> among(List<CertificateView> certificates, Instant now) {
        List<String> usable = certificates.stream().filter(c -> PortalStatus.of(c, now).isUsable())
                .map(CertificateView::cn).sorted(BY_NUMBER.reversed()).toList();
        if (usable.size() < 2) {
            return Optional.empty();
        }
        return Optional.of(new CertificateChoice(usable.get(0), usable.subList(1, usable.size())));
    }

    /** dscaNNNNN by its number (dsca00345 after dsca00012, dsca100000 after dsca99999), then by the whole name. */
    static final Comparator<String> BY_NUMBER = Comparator.comparing(CertificateChoice::number)
            .thenComparing(Comparator.naturalOrder());

    static long number(String cn) {
        int i = cn.length();
        while (i > 0 && Character.isDigit(cn.charAt(i - 1))) {
            i--;
        }
        if (i == cn.length() || cn.length() - i > 18) {
            return -1;
        }
        return Long.parseLong(cn.substring(i));
    }

    public boolean isNewer(String cn) {
        return newer.equals(cn);
    }
}
