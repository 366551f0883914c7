package jp.kagi.web.portal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jp.kagi.platform.Settings;

/**
 * The address of the certificate self-test (証明書の動作確認) on the client-certificate listener, for the menu, the
 * download page and the install guide: {@code KAGI_ASP_URL} + {@code /selftest}. A plain link, not a redirect: the
 * browser must open a new TLS connection to 8444 for it to be asked for its certificate.
 */
@Named
@ApplicationScoped
public class SelfTestLink {

    @Inject
    Settings settings;

    public String getUrl() {
        return settings.aspUrl() + "/selftest";
    }
}
