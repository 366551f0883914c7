package jp.kagi.web.ca;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import jp.kagi.revocation.CrlKind;
import jp.kagi.revocation.CrlPublisher;

/**
 * {@code /crl/issuing-ca.crl} (the full CRL, where every certificate's CRL DP points) and
 * {@code /crl/issuing-ca-delta.crl} (the delta CRL, the Freshest CRL of new certificates): the stored DER of the
 * newest signed one, never signed on a request. 503 with Retry-After only before the very first CRL is signed.
 */
@WebServlet({"/crl/issuing-ca.crl", "/crl/issuing-ca-delta.crl"})
public class CrlServlet extends HttpServlet {

    /** Caches may keep a CRL this long at most, so a revocation is not hidden behind a cache for longer. */
    static final long MAX_AGE_SECONDS = 60;

    @Inject
    private CrlPublisher crl;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        CrlKind kind = request.getServletPath().endsWith(CrlKind.DELTA.fileName()) ? CrlKind.DELTA : CrlKind.FULL;
        for (int attempt = 0; attempt < 3; attempt++) {
            Optional<CrlPublisher.Published> published = crl.current(kind);
            if (published.isEmpty()) {
                response.setHeader("Retry-After", "5");
                response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
                return;
            }
            CrlPublisher.Published p = published.get();
            try {
                long size = Files.size(p.file());
                response.setContentType("application/pkix-crl");
                long untilNext = Duration.between(Instant.now(), p.info().nextUpdate()).getSeconds();
                response.setHeader("Cache-Control", "public, max-age=" + Math.max(0, Math.min(MAX_AGE_SECONDS, untilNext)));
                response.setDateHeader("Last-Modified", p.info().thisUpdate().toEpochMilli());
                response.setDateHeader("Expires", p.info().nextUpdate().toEpochMilli());
                response.setHeader("ETag", "\"" + kind.name().toLowerCase() + "-" + p.info().number() + "\"");
                response.setContentLengthLong(size);
                Files.copy(p.file(), response.getOutputStream());
                return;
            } catch (NoSuchFileException e) {
                // replaced by a newer CRL between lookup and reading: look it up again
            }
        }
        response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
    }
}
