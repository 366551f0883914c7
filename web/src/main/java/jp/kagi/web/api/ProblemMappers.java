package jp.kagi.web.api;

import jakarta.ejb.EJBException;
import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParsingException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;
import jp.kagi.platform.KagiException;

/** Turns every failure into problem+json; nothing escapes as an HTML error page or a stack trace. */
final class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class.getName());

    private ProblemMappers() {
    }

    /** Maps any throwable, unwrapping the EJB container's wrappers to find the real cause. */
    static Response map(List<Locale> languages, Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof KagiException k) {
                return Problems.of(languages, k);
            }
            if (t instanceof OptimisticLockException || isConstraintViolation(t)) {
                return Problems.of(languages, 409, "error.concurrentConflict", List.of());
            }
            if (t instanceof JsonbException || t instanceof JsonParsingException) {
                LOG.log(Level.FINE, "Unreadable JSON body", t);
                return Problems.of(languages, 400, "error.malformedJson", List.of());
            }
        }
        if (thrown instanceof WebApplicationException w && w.getResponse() != null) {
            int status = w.getResponse().getStatus();
            String key = switch (status) {
                case 404 -> "error.noSuchResource";
                case 405 -> "error.methodNotAllowed";
                case 406 -> "error.notAcceptable";
                case 415 -> "error.unsupportedMediaType";
                case 400 -> "error.malformedJson";
                default -> "error.http";
            };
            LOG.log(Level.FINE, "HTTP " + status + " answered as problem+json", thrown);
            return Problems.of(languages, status, key, List.of(status));
        }
        LOG.log(Level.SEVERE, "Unexpected failure in the REST API", thrown);
        return Problems.of(languages, 500, "error.internal", List.of());
    }

    private static boolean isConstraintViolation(Throwable t) {
        if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
            return true;
        }
        return t instanceof PersistenceException && t.getClass().getSimpleName().equals("ConstraintViolationException")
                || t.getClass().getName().equals("org.hibernate.exception.ConstraintViolationException");
    }

    @Provider
    public static class KagiMapper implements ExceptionMapper<KagiException> {
        @Context
        HttpHeaders headers;

        @Override
        public Response toResponse(KagiException e) {
            return Problems.of(headers.getAcceptableLanguages(), e);
        }
    }

    @Provider
    public static class EjbMapper implements ExceptionMapper<EJBException> {
        @Context
        HttpHeaders headers;

        @Override
        public Response toResponse(EJBException e) {
            return map(headers.getAcceptableLanguages(), e);
        }
    }

    @Provider
    public static class WebMapper implements ExceptionMapper<WebApplicationException> {
        @Context
        HttpHeaders headers;

        @Override
        public Response toResponse(WebApplicationException e) {
            return map(headers.getAcceptableLanguages(), e);
        }
    }

    @Provider
    public static class ProcessingMapper implements ExceptionMapper<ProcessingException> {
        @Context
        HttpHeaders headers;

        @Override
        public Response toResponse(ProcessingException e) {
            return map(headers.getAcceptableLanguages(), e);
        }
    }

    @Provider
    public static class AnyMapper implements ExceptionMapper<RuntimeException> {
        @Context
        HttpHeaders headers;

        @Override
        public Response toResponse(RuntimeException e) {
            return map(headers.getAcceptableLanguages(), e);
        }
    }
}
