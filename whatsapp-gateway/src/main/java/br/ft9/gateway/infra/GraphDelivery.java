package br.ft9.gateway.infra;

import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

import br.ft9.common.security.SecretBox;
import br.ft9.gateway.domain.Delivery;
import io.smallrye.mutiny.Uni;

/** Sends through Meta's Graph API from the organisation's number, within the number's rate limit, with its unsealed token. */
@ApplicationScoped
@Typed(GraphDelivery.class)
public class GraphDelivery implements Delivery {

    private static final Logger LOG = Logger.getLogger(GraphDelivery.class);

    private final GraphSender graph;
    private final SendRateLimiter rateLimiter;
    private final SecretBox tokens;

    public GraphDelivery(GraphSender graph, SendRateLimiter rateLimiter, SecretBox tokens) {
        this.graph = graph;
        this.rateLimiter = rateLimiter;
        this.tokens = tokens;
    }

    @Override
    public String name() {
        return "graph";
    }

    @Override
    public boolean needsConnectedNumber() {
        return true;
    }

    @Override
    public Uni<Result> deliver(Dispatch dispatch) {
        return rateLimiter.acquire(dispatch.phoneNumberId())
                .chain(() -> graph.send(dispatch.phoneNumberId(), tokens.decrypt(dispatch.sealedToken()),
                        GraphMessages.body(dispatch.request(), dispatch.to())))
                .onItemOrFailure().transform((waMessageId, failure) -> failure == null ? new Accepted(waMessageId) : result(failure));
    }

    /**
     * Meta answered "later" (5xx, its unavailable codes, throttling) or could not be reached, or the circuit is open: the
     * message surely did not leave. A timeout is a failure: Meta may have taken it, and a patient must not get it twice.
     */
    static Result result(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof GraphApiException.Unavailable || t instanceof GraphApiException.Throttled
                    || t instanceof CircuitBreakerOpenException || t instanceof java.net.ConnectException) {
                return new DidNotLeave(reason(failure), failure);
            }
        }
        return new Failed(reason(failure));
    }

    private static String reason(Throwable failure) {
        if (failure instanceof GraphApiException graphFailure) {
            return graphFailure.getMessage();
        }
        if (failure instanceof CircuitBreakerOpenException) {
            return "the Graph API has been failing; sending is paused for a few seconds";
        }
        if (failure instanceof TimeoutException || failure instanceof org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException) {
            return "the Graph API did not answer in time";
        }
        LOG.warnf(failure, "sending failed");
        return "the Graph API could not be reached: " + failure.getClass().getSimpleName();
    }
}
