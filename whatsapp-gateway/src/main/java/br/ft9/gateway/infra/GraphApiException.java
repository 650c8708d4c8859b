package br.ft9.gateway.infra;

import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A Graph API error answer ({@code {"error":{"message","code","error_data":{"details"}}}}), sorted into what
 * the gateway does next: try again later (throttled, unavailable) or give up and record why (rejected).
 */
public class GraphApiException extends RuntimeException {

    // Meta's throttling codes: app (4), WABA (80007), Cloud API (130429), spam (131048), pair rate (131056).
    private static final Set<Integer> THROTTLED = Set.of(4, 80007, 130429, 131048, 131056);
    // Meta's "try again later": unknown (1), service (2), generic (131000), unavailable (131016, 133004).
    private static final Set<Integer> UNAVAILABLE = Set.of(1, 2, 131000, 131016, 133004);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int httpStatus;
    private final Integer code;

    GraphApiException(int httpStatus, Integer code, String message) {
        super(message);
        this.httpStatus = httpStatus;
        this.code = code;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public Integer code() {
        return code;
    }

    /** Meta refused the message for good (bad request, window closed, unknown recipient, bad token): no retry. */
    public static class Rejected extends GraphApiException {
        public Rejected(int httpStatus, Integer code, String message) {
            super(httpStatus, code, message);
        }
    }

    /** Too many messages for now, for this number or app: retried with backoff; not a sign Meta is down. */
    public static class Throttled extends GraphApiException {
        Throttled(int httpStatus, Integer code, String message) {
            super(httpStatus, code, message);
        }
    }

    /** Meta failed (5xx or its "try later" codes): retried, and counted by the circuit breaker. */
    public static class Unavailable extends GraphApiException {
        public Unavailable(int httpStatus, Integer code, String message) {
            super(httpStatus, code, message);
        }
    }

    static GraphApiException of(int httpStatus, String body) {
        Integer code = null;
        String message = "Graph API answered " + httpStatus;
        try {
            JsonNode error = JSON.readTree(body == null || body.isBlank() ? "{}" : body).path("error");
            if (error.has("code")) {
                code = error.path("code").asInt();
            }
            String text = error.path("message").asText(null);
            String details = error.path("error_data").path("details").asText(null);
            if (text != null) {
                message = details == null ? text : text + ": " + details;
            }
        } catch (Exception e) {
            // not JSON (a proxy's error page): the status alone decides
        }
        String described = code == null ? message : message + " (code " + code + ")";
        if (httpStatus == 429 || (code != null && THROTTLED.contains(code))) {
            return new Throttled(httpStatus, code, described);
        }
        if (httpStatus >= 500 || (code != null && UNAVAILABLE.contains(code))) {
            return new Unavailable(httpStatus, code, described);
        }
        return new Rejected(httpStatus, code, described);
    }
}
