package jp.kagi.web.api;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import jp.kagi.platform.KagiException;

/** Builds RFC 9457 problem+json responses whose title and detail are in the caller's language. */
final class Problems {

    static final String MEDIA_TYPE = "application/problem+json";

    private Problems() {
    }

    static Response of(List<Locale> languages, int status, String key, List<Object> arguments) {
        Locale locale = Messages.locale(languages);
        JsonObjectBuilder body = Json.createObjectBuilder()
                .add("type", "urn:kagi:problem:" + key)
                .add("title", Messages.text(locale, "problem.title." + status, List.of()))
                .add("status", status)
                .add("detail", Messages.text(locale, key, arguments))
                .add("code", key);
        return Response.status(status).type(MEDIA_TYPE + ";charset=UTF-8")
                .header(HttpHeaders.CONTENT_LANGUAGE, locale.getLanguage())
                .entity(body.build().toString()).build();
    }

    static Response of(List<Locale> languages, KagiException e) {
        int status = switch (e.kind()) {
            case INVALID -> 400;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case FORBIDDEN -> 403;
            case UNAVAILABLE -> 503;
        };
        return of(languages, status, e.messageKey(), e.arguments());
    }
}
