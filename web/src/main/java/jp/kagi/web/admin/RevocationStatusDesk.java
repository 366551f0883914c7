package jp.kagi.web.admin;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jp.kagi.revocation.CrlInfo;
import jp.kagi.revocation.CrlKind;
import jp.kagi.revocation.CrlPublisher;

/**
 * 失効情報 / Revocation status: the current full and delta CRL (number, thisUpdate, nextUpdate, entries, bytes, how
 * long the last one took), for every signed-in back-office user. The OCSP responder's figures are
 * {@link OcspStatusPanel}'s.
 */
@Named
@RequestScoped
public class RevocationStatusDesk {

    @Inject
    CrlPublisher crls;

    @Inject
    AdminSession session;

    private CrlInfo full;
    private CrlInfo delta;
    private boolean loaded;

    public boolean isAllowed() {
        return session.isSignedIn();
    }

    public CrlInfo getFull() {
        load();
        return full;
    }

    public CrlInfo getDelta() {
        load();
        return delta;
    }

    public String getValidity() {
        return crls.schedule().validity() + " / " + crls.schedule().refresh();
    }

    public String getDeltaValidity() {
        return crls.schedule().deltaValidity() + " / " + crls.schedule().deltaRefresh();
    }

    private void load() {
        if (!loaded && isAllowed()) {
            full = crls.latest(CrlKind.FULL).orElse(null);
            delta = crls.latest(CrlKind.DELTA).orElse(null);
            loaded = true;
        }
    }
}
