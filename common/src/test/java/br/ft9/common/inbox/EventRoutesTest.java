package br.ft9.common.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.impl.DefaultIncomingCloudEventMetadata;

/** An event adapter's routes: each type to its own reading and use case, other types acknowledged untouched. */
class EventRoutesTest {

    record Greeting(String name) {
    }

    record Farewell(String name, int times) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final List<String> applied = new ArrayList<>();

    /** A CloudEvent record as the Kafka connector hands it over, remembering whether it was acked or nacked. */
    private Message<String> event(String id, String type, String data, AtomicReference<String> outcome) {
        var ce = new DefaultIncomingCloudEventMetadata<>("1.0", id, URI.create("/test"), type, "application/json", null, "subject-1",
                ZonedDateTime.parse("2026-11-30T10:00:00Z"), Map.of(), data);
        return Message.of(data, Metadata.of(ce), () -> {
            outcome.set("acked");
            return CompletableFuture.completedFuture(null);
        }, failure -> {
            outcome.set("nacked: " + failure.getMessage());
            return CompletableFuture.completedFuture(null);
        });
    }

    private EventRoutes routes() {
        return EventRoutes.untracked("test", json)
                .on("test.greeted.v1", Greeting.class, (event, greeting) -> {
                    applied.add(event.id() + " greeted " + greeting.name() + " at " + event.time() + " about " + event.subject().orElseThrow());
                    return Uni.createFrom().voidItem();
                })
                .on(List.of("test.left.v1", "test.left.v2"), Farewell.class, (event, farewell) -> {
                    applied.add(event.type() + " " + farewell.name() + " x" + farewell.times());
                    return Uni.createFrom().voidItem();
                });
    }

    @Test
    void each_type_goes_to_its_own_use_case_read_as_its_own_record_and_is_acknowledged_after() {
        AtomicReference<String> first = new AtomicReference<>();
        AtomicReference<String> second = new AtomicReference<>();
        EventRoutes routes = routes();
        routes.consume(event("e-1", "test.greeted.v1", "{\"name\":\"Ana\",\"added\":true}", first)).await().indefinitely();
        routes.consume(event("e-2", "test.left.v2", "{\"name\":\"Rui\",\"times\":2}", second)).await().indefinitely();
        assertThat(applied).containsExactly("e-1 greeted Ana at 2026-11-30T10:00:00Z about subject-1", "test.left.v2 Rui x2");
        assertThat(first).hasValue("acked");
        assertThat(second).hasValue("acked");
    }

    @Test
    void a_type_the_consumer_does_not_read_is_acknowledged_and_changes_nothing() {
        AtomicReference<String> outcome = new AtomicReference<>();
        routes().consume(event("e-3", "test.unknown.v1", "not even json", outcome)).await().indefinitely();
        assertThat(applied).isEmpty();
        assertThat(outcome).hasValue("acked");
    }

    @Test
    void data_its_reading_cannot_read_is_refused_to_the_dead_letter_topic_without_applying_anything() {
        AtomicReference<String> outcome = new AtomicReference<>();
        routes().consume(event("e-4", "test.left.v1", "{\"name\":\"Rui\",\"times\":\"twice\"}", outcome)).await().indefinitely();
        assertThat(applied).isEmpty();
        assertThat(outcome.get()).isEqualTo("nacked: unreadable Farewell data");
    }

    @Test
    void a_type_routed_twice_and_once_only_routes_without_a_record_are_mistakes_found_at_start() {
        assertThatThrownBy(() -> routes().on("test.greeted.v1", Greeting.class, (event, greeting) -> Uni.createFrom().voidItem()))
                .isInstanceOf(IllegalStateException.class).hasMessage("test.greeted.v1 is routed twice");
        assertThatThrownBy(() -> EventRoutes.untracked("test", json).once("test.greeted.v1", Greeting.class, greeting -> Uni.createFrom().voidItem()))
                .isInstanceOf(IllegalStateException.class);
    }
}
