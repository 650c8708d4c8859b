package br.ft9.gateway.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.util.concurrent.CompletionException;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.Test;

import br.ft9.gateway.domain.Delivery;

/** What Meta's answers mean for a message: sent again later only when it surely did not leave, never twice. */
class GraphDeliveryTest {

    @Test
    void meta_unavailable_throttling_an_open_circuit_or_no_connection_mean_the_message_did_not_leave() {
        assertThat(GraphDelivery.result(new GraphApiException.Unavailable(503, 131016, "Service unavailable")))
                .isInstanceOf(Delivery.DidNotLeave.class);
        assertThat(GraphDelivery.result(new GraphApiException.Throttled(429, 130429, "Rate limit hit")))
                .isInstanceOf(Delivery.DidNotLeave.class);
        assertThat(GraphDelivery.result(new CircuitBreakerOpenException("open"))).isInstanceOfSatisfying(Delivery.DidNotLeave.class,
                later -> assertThat(later.reason()).isEqualTo("the Graph API has been failing; sending is paused for a few seconds"));
        assertThat(GraphDelivery.result(new CompletionException(new ConnectException("refused")))).isInstanceOf(Delivery.DidNotLeave.class);
    }

    @Test
    void a_refusal_fails_with_metas_words_and_a_timeout_fails_because_meta_may_have_taken_it() {
        assertThat(GraphDelivery.result(new GraphApiException.Rejected(400, 131026, "Message undeliverable")))
                .isEqualTo(new Delivery.Failed("Message undeliverable"));
        assertThat(GraphDelivery.result(new TimeoutException("slow"))).isEqualTo(new Delivery.Failed("the Graph API did not answer in time"));
    }
}
