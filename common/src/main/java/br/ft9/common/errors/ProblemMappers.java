package br.ft9.common.errors;

import java.util.stream.Collectors;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import br.ft9.common.json.NoNulStrings;
import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;

/** Turns the domain's refusals into RFC 9457 problem+json answers that name the offending field. */
public class ProblemMappers {

    /**
     * Ahead of quarkus-resteasy-problem's own security mappers (priority 4999), whose 3.21.0 release
     * fails with NoSuchFieldError on Quarkus 3.33 and would turn every 401 into a 500.
     */
    private static final int BEFORE_LIBRARY_MAPPERS = 4000;
    /** quarkus-resteasy-problem registers its Jackson mappers ahead of 4000; for the same exception type, ours go first. */
    private static final int FIRST = 1;

    @ServerExceptionMapper(value = {UnauthorizedException.class, AuthenticationFailedException.class,
            AuthenticationCompletionException.class}, priority = BEFORE_LIBRARY_MAPPERS)
    public Response unauthenticated(RuntimeException failure) {
        return problem(Response.Status.UNAUTHORIZED, "a valid bearer access token is required")
                .withHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build().toResponse();
    }

    /**
     * JSON of the wrong shape (a list where a text goes, a text where a number goes), which Quarkus would answer with a
     * bare 400: the field and what it should be.
     */
    @ServerExceptionMapper(priority = BEFORE_LIBRARY_MAPPERS)
    public Response wrongShape(MismatchedInputException mismatch) {
        String field = mismatch.getPath().stream()
                .map(step -> step.getFieldName() != null ? "." + step.getFieldName() : "[" + step.getIndex() + "]")
                .collect(Collectors.joining()).replaceFirst("^\\.", "");
        if (mismatch instanceof UnrecognizedPropertyException unknown) {
            return problem(Response.Status.BAD_REQUEST, "unknown field " + unknown.getPropertyName()).with("field", field)
                    .build().toResponse();
        }
        if (mismatch instanceof InvalidFormatException format && NoNulStrings.NUL.equals(format.getOriginalMessage())) {
            return problem(Response.Status.BAD_REQUEST, (field.isEmpty() ? "the body " : field + " ") + NoNulStrings.NUL)
                    .with("field", field).build().toResponse();
        }
        String expected = mismatch.getTargetType() == null ? "another type" : describe(mismatch.getTargetType());
        HttpProblem.Builder problem = problem(Response.Status.BAD_REQUEST, field.isEmpty()
                ? "the body must be " + expected : field + " must be " + expected);
        return (field.isEmpty() ? problem : problem.with("field", field)).build().toResponse();
    }

    /**
     * The library's own mappers for these exact types (JAX-RS picks the closest type before any priority) would answer
     * with Jackson's message, class names and all: ours take them.
     */
    @ServerExceptionMapper(priority = FIRST)
    public Response wrongFormat(InvalidFormatException invalid) {
        return wrongShape(invalid);
    }

    @ServerExceptionMapper(priority = FIRST)
    public Response unknownField(UnrecognizedPropertyException unknown) {
        return wrongShape(unknown);
    }

    /**
     * A request record that refused its own values while being read (a compact constructor's check): the refusal is
     * the answer, naming its field when it is one.
     */
    @ServerExceptionMapper(priority = BEFORE_LIBRARY_MAPPERS)
    public Response refusedValue(ValueInstantiationException refused) {
        Throwable cause = refused.getCause();
        if (cause instanceof InvalidField invalid) {
            return invalidField(invalid);
        }
        String detail = cause == null || cause.getMessage() == null ? "a value of the body is not accepted" : cause.getMessage();
        return problem(Response.Status.BAD_REQUEST, inRequestWords(detail)).build().toResponse();
    }

    /** A body that is not JSON at all, cut short, or nested beyond reason. */
    @ServerExceptionMapper(priority = BEFORE_LIBRARY_MAPPERS + 1)
    public Response notJson(JsonProcessingException invalid) {
        return problem(Response.Status.BAD_REQUEST, "the body is not valid JSON: " + inRequestWords(invalid.getOriginalMessage()))
                .build().toResponse();
    }

    /**
     * A parser's message without what only our code knows: class names (ours, Jackson's, the JDK's), Jackson's
     * configuration hints and the parser's objects; what is left says what was wrong in the request's words.
     */
    static String inRequestWords(String message) {
        if (message == null) {
            return "unreadable";
        }
        String words = message.replaceAll("\\s*\\(for [^)]*\\)", "")
                .replaceAll("\\s*\\(but could if[^)]*\\)", "")
                .replaceAll("\\s*at \\[Source:.*", "")
                .replaceAll("`?\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?:\\[\\])?`?", "value")
                .replaceAll("(?i)\\b\\w*(CoercionConfig|JsonParser|ParserBase|ReaderBasedJsonParser|UTF8StreamJsonParser|"
                        + "StreamReadConstraints|StreamReadFeature|DeserializationFeature|MapperFeature)\\b", "")
                .replaceAll("`[^`]*`", "").replaceAll(",?\\s*from\\s*\\)", ")")
                .replaceAll("\\s{2,}", " ").strip();
        return words.isEmpty() ? "unreadable" : words;
    }

    private static String describe(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.stream(type.getEnumConstants()).map(String::valueOf).collect(Collectors.joining(", "));
        }
        if (type == java.util.UUID.class) {
            return "an id in UUID form (like 3f2c1e4a-9b7d-4c2e-8f1a-2b3c4d5e6f70)";
        }
        if (type == String.class) {
            return "a text";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        return "an object";
    }

    @ServerExceptionMapper
    public Response conflict(Conflict conflict) {
        return problem(Response.Status.CONFLICT, conflict.getMessage()).with("field", conflict.field()).build().toResponse();
    }

    @ServerExceptionMapper
    public Response invalidField(InvalidField invalid) {
        return problem(Response.Status.BAD_REQUEST, invalid.getMessage()).with("field", invalid.field()).build().toResponse();
    }

    @ServerExceptionMapper
    public Response notFound(NotFound notFound) {
        return problem(Response.Status.NOT_FOUND, notFound.getMessage()).build().toResponse();
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowed notAllowed) {
        return problem(Response.Status.FORBIDDEN, notAllowed.getMessage()).build().toResponse();
    }

    @ServerExceptionMapper
    public Response tooManyRequests(TooManyRequests tooMany) {
        return problem(Response.Status.TOO_MANY_REQUESTS, tooMany.getMessage())
                .withHeader("Retry-After", String.valueOf(tooMany.retryAfter().toSeconds())).build().toResponse();
    }

    @ServerExceptionMapper
    public Response unavailable(Unavailable unavailable) {
        return problem(Response.Status.SERVICE_UNAVAILABLE, unavailable.getMessage()).withHeader("Retry-After", "5").build()
                .toResponse();
    }

    /** A problem whose title is the status's own reason phrase. */
    public static HttpProblem.Builder problem(Response.Status status, String detail) {
        return HttpProblem.builder().withStatus(status).withTitle(status.getReasonPhrase()).withDetail(detail);
    }
}
