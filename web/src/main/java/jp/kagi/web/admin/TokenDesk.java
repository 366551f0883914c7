package jp.kagi.web.admin;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import jp.kagi.admin.ApiTokens;
import jp.kagi.admin.CreatedToken;
import jp.kagi.admin.TokenView;
import jp.kagi.platform.KagiException;
import jp.kagi.web.i18n.Feedback;

/** My API tokens: create one (its secret is shown once, on this view only), list and revoke them. */
@Named
@ViewScoped
public class TokenDesk implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    ApiTokens tokens;

    @Inject
    AdminSession session;

    private String name;
    private String expires = "P90D";
    private String created;

    public List<TokenView> getTokens() {
        return session.isSignedIn() ? tokens.list(session.getPrincipal()) : List.of();
    }

    public void create() {
        try {
            CreatedToken token = tokens.create(session.getPrincipal(), session.actor(), name, expires);
            created = token.token();
            name = null;
            Feedback.info("admin.tokenCreated", List.of(token.id()));
        } catch (KagiException e) {
            Feedback.error(e);
        }
    }

    public void revoke(long id) {
        try {
            tokens.revoke(session.getPrincipal(), session.actor(), id);
            Feedback.info("admin.tokenRevoked", List.of(id));
        } catch (KagiException e) {
            Feedback.error(e);
        }
    }

    public List<String> getLifetimes() {
        return List.of("P30D", "P90D", "P180D", "P365D");
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getExpires() {
        return expires;
    }

    public void setExpires(String expires) {
        this.expires = expires;
    }

    /** The secret of the token just created, for this view only. */
    public String getCreated() {
        return created;
    }
}
