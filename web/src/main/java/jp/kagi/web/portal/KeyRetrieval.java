package jp.kagi.web.portal;

import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import jp.kagi.platform.KagiException;
import jp.kagi.retrieval.PreparedKey;
import jp.kagi.retrieval.Requester;
import jp.kagi.retrieval.RetrievalService;
import jp.kagi.web.i18n.Feedback;

/**
 * 鍵の取得: the user enters リクエストID, パスワード and パスワードの確認 and presses Submit; the next step offers
 * Download of {@code <CN>.p12}. The prepared file (already encrypted with the password) lives only in this view.
 */
@Named
@ViewScoped
public class KeyRetrieval implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    RetrievalService retrieval;

    @Inject
    PortalSession session;

    @Inject
    RegistrationMailName mailName;

    private String requestId;
    private String password;
    private String confirmation;
    private PreparedKey prepared;

    public void submit() {
        try {
            prepared = retrieval.prepare(requester(), requestId, password, confirmation);
        } catch (KagiException e) {
            Feedback.error(mailName.key(e.messageKey()), e.arguments()); // a renewal user is told the renewal mail
        } finally {
            password = null;
            confirmation = null;
        }
    }

    public void download() throws IOException {
        if (prepared == null) {
            Feedback.error("error.submitFirst", java.util.List.of());
            return;
        }
        try {
            retrieval.recordDownload(requester(), prepared.requestId());
        } catch (KagiException e) {
            prepared = null;
            Feedback.error(e);
            return;
        }
        FacesContext faces = FacesContext.getCurrentInstance();
        ExternalContext external = faces.getExternalContext();
        byte[] file = prepared.pkcs12();
        external.responseReset();
        external.setResponseContentType("application/x-pkcs12");
        external.setResponseContentLength(file.length);
        external.setResponseHeader("Content-Disposition", "attachment; filename=\"" + prepared.fileName()
                + "\"; filename*=UTF-8''" + java.net.URLEncoder.encode(prepared.fileName(), StandardCharsets.UTF_8));
        external.setResponseHeader("Cache-Control", "no-store, no-cache, must-revalidate, private");
        external.setResponseHeader("Pragma", "no-cache");
        external.setResponseHeader("X-Content-Type-Options", "nosniff");
        try (OutputStream out = external.getResponseOutputStream()) {
            out.write(file);
        }
        faces.responseComplete();
    }

    private Requester requester() {
        return new Requester(session.getUser().userId(), Requests.address(), Requests.userAgent());
    }

    public boolean isReady() {
        return prepared != null;
    }

    public String getFileName() {
        return prepared == null ? "" : prepared.fileName();
    }

    public String getCommonName() {
        return prepared == null ? "" : prepared.commonName();
    }

    public String getRequestId() {
        return requestId;
    }

    public void setRequestId(String requestId) {
        this.requestId = requestId;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getConfirmation() {
        return confirmation;
    }

    public void setConfirmation(String confirmation) {
        this.confirmation = confirmation;
    }
}
