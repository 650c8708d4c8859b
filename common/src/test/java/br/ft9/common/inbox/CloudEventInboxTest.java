package br.ft9.common.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reading event data: a consumer's record ignores fields a newer producer added, at every depth; broken JSON still fails.
 * Failures of the infrastructure are told from failures of the event (the first are waited out, the second go to the DLQ).
 */
class CloudEventInboxTest {

    record Template(String name) {
    }

    record Command(String kind, Template template) {
    }

    // As the services configure it: strict for REST bodies.
    private static final ObjectMapper STRICT = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Test
    void fields_a_newer_producer_added_are_ignored_at_every_depth() {
        Command command = CloudEventInbox.data(STRICT, "{\"kind\":\"template\",\"priority\":2,"
                + "\"template\":{\"name\":\"welcome\",\"components\":[]}}", Command.class).await().indefinitely();
        assertThat(command).isEqualTo(new Command("template", new Template("welcome")));
    }

    @Test
    void unreadable_data_fails_naming_the_reading() {
        assertThatThrownBy(() -> CloudEventInbox.data(STRICT, "{\"kind\":", Command.class).await().indefinitely())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("unreadable Command data");
    }

    @Test
    void a_dead_letter_held_too_long_says_what_kept_failing_rather_than_how_often_it_was_tried() {
        Throwable exhausted = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, () -> io.smallrye.mutiny.Uni
                .createFrom().failure(new TransientFailure("Meta did not take the message: 503", null))
                .onFailure().retry().withBackOff(java.time.Duration.ofMillis(1)).expireIn(50).await().indefinitely());
        assertThat(CloudEventInbox.heldTooLong(exhausted).getMessage()).contains("still failing: Meta did not take the message: 503")
                .doesNotContain("Retries exhausted");
        IllegalArgumentException bad = new IllegalArgumentException("no orgId");
        assertThat(CloudEventInbox.heldTooLong(bad)).isSameAs(bad);
    }

    @Test
    void a_database_or_network_outage_is_transient_and_a_bad_event_is_not() {
        assertThat(CloudEventInbox.isTransient(new RuntimeException(new java.net.ConnectException("Connection refused")))).isTrue();
        assertThat(CloudEventInbox.isTransient(new io.vertx.pgclient.PgException("terminating connection due to administrator command",
                "FATAL", "57P01", null))).isTrue();
        assertThat(CloudEventInbox.isTransient(new io.vertx.pgclient.PgException("too many clients", "FATAL", "53300", null))).isTrue();
        assertThat(CloudEventInbox.isTransient(new IllegalStateException("wrapped",
                new io.vertx.core.VertxException("Pool closed")))).isTrue();
        // What the SQL client says of a connection PostgreSQL's crash closed under it (seen in faults.sh postgres-kill9).
        assertThat(CloudEventInbox.isTransient(new io.vertx.core.impl.NoStackTraceThrowable(
                "Connection is not active now, current status: CLOSED"))).isTrue();
        assertThat(CloudEventInbox.isTransient(new io.vertx.core.impl.NoStackTraceThrowable(
                "Pending requests failed to be sent due to connection has been closed."))).isTrue();
        assertThat(CloudEventInbox.isTransient(new IllegalArgumentException("unreadable Command data"))).isFalse();
        assertThat(CloudEventInbox.isTransient(new IllegalArgumentException("unreadable Command data",
                new com.fasterxml.jackson.core.JsonParseException(null, "Unexpected end-of-input: connection refused"))))
                .as("Jackson's exceptions are IOExceptions, and an unreadable event stays unreadable").isFalse();
        assertThat(CloudEventInbox.isTransient(new io.vertx.pgclient.PgException("duplicate key value", "ERROR", "23505", null)))
                .as("a constraint the event breaks").isFalse();
    }
}
