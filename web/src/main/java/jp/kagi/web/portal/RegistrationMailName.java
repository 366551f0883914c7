package jp.kagi.web.portal;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jp.kagi.issuance.RegistrationMail;
import jp.kagi.issuance.RenewalUsers;

/**
 * Names the mail the signed-in user got the password from: pages write {@code #{msg[registrationMailName.key('retrieve.intro')]}}
 * and refusals pass their key through {@link #key}. Asked once per request.
 */
@Named
@RequestScoped
public class RegistrationMailName {

    @Inject
    RenewalUsers renewalUsers;

    @Inject
    PortalSession session;

    private RegistrationMail mail;

    public RegistrationMail getMail() {
        if (mail == null) {
            mail = session.isSignedIn() ? renewalUsers.registrationMail(session.getUser().userId())
                    : RegistrationMail.REGISTRATION;
        }
        return mail;
    }

    public boolean isRenewal() {
        return getMail() == RegistrationMail.RENEWAL;
    }

    /** The message key to show for {@code key}: its renewal twin for a renewal user, else itself. */
    public String key(String key) {
        return RegistrationMailTexts.key(key, getMail());
    }
}
