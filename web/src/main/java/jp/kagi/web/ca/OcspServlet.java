package jp.kagi.web.ca;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import jp.kagi.ocsp.OcspResponder;
import jp.kagi.ocsp.OcspResult;

/**
 * The OCSP responder over HTTP (RFC 6960 appendix A), on plain HTTP (8080) and HTTPS (8443):
 * <ul>
 * <li>POST /ocsp with {@code Content-Type: application/ocsp-request} and the DER request as body (at most
 * {@link #MAX_BODY} bytes, else 413). Another Content-Type is refused with HTTP 415 before anything is parsed:
 * it is an HTTP-level mistake, and no OCSP client sends one.</li>
 * <li>GET /ocsp/{url-encoded base64 of the DER request} (A.1.1), at most {@link #MAX_GET_PATH} characters after
 * {@code /ocsp/}, else 414; such requests belong in a POST. Successful answers without a nonce carry cache headers
 * up to their nextUpdate (RFC 5019 6.2).</li>
 * </ul>
 * Everything wrong inside the request is an OCSP {@code malformedRequest} (HTTP 200), see {@code ocsp/OcspRequests}.
 */
@WebServlet({"/ocsp", "/ocsp/*"})
public class OcspServlet extends HttpServlet {

    static final String REQUEST_TYPE = "application/ocsp-request";
    static final String RESPONSE_TYPE = "application/ocsp-response";
    /** A request of 100 CertIDs with SHA-512 hashes and a nonce takes about 18 KB; 1,000 SHA-256 ones 110 KB. */
    static final int MAX_BODY = 256 * 1024;
    /** Base64 of a request of about 1,500 bytes: RFC 5019 clients use GET only below 255 bytes. */
    static final int MAX_GET_PATH = 2048;

    private static final long serialVersionUID = 1L;

    @Inject
    private OcspResponder responder;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String type = request.getContentType();
        if (type == null || !type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT).equals(REQUEST_TYPE)) {
            response.setHeader("Accept-Post", REQUEST_TYPE);
            response.sendError(HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE);
            return;
        }
        if (request.getContentLengthLong() > MAX_BODY) {
            response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            return;
        }
        byte[] body = read(request.getInputStream());
        if (body == null) {
            response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            return;
        }
        send(request, response, responder.respond(body), false);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String uri = request.getRequestURI();
        String prefix = request.getContextPath() + "/ocsp";
        String encoded = uri.length() > prefix.length() + 1 ? uri.substring(prefix.length() + 1) : "";
        if (encoded.length() > MAX_GET_PATH) {
            response.sendError(414);
            return;
        }
        send(request, response, responder.respond(decode(encoded)), true);
    }

    /** Percent-decoding of the path ('+' stays '+': it is base64's), then base64; anything broken gives no bytes. */
    static byte[] decode(String encoded) {
        try {
            String base64 = java.net.URLDecoder.decode(encoded.replace("+", "%2B"), java.nio.charset.StandardCharsets.US_ASCII);
            return Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    private static byte[] read(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) != -1) {
            out.write(buffer, 0, n);
            if (out.size() > MAX_BODY) {
                return null;
            }
        }
        return out.toByteArray();
    }

    private static void send(HttpServletRequest request, HttpServletResponse response, OcspResult result,
                             boolean cacheable) throws IOException {
        response.setContentType(RESPONSE_TYPE);
        if (cacheable && result.successful() && result.cacheable()) {
            if (HttpCaching.validUntil(request, response, result.der(), result.thisUpdate(), result.nextUpdate(),
                    Instant.now())) {
                return;
            }
        } else {
            HttpCaching.noStore(response);
        }
        response.setContentLength(result.der().length);
        response.getOutputStream().write(result.der());
    }
}
