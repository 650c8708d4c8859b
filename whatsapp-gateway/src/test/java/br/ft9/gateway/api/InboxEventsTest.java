package br.ft9.gateway.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import br.ft9.common.testing.RealInfrastructure;
import br.ft9.common.testing.TestTokens;
import br.ft9.gateway.support.GraphApiStub;
import br.ft9.gateway.support.Meta;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** The inbox's live events: what a console connected to the gateway hears, and what it never hears. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(TestTokens.class)
@WithTestResource(GraphApiStub.class)
class InboxEventsTest {

    @TestHTTPResource("/api/inbox/events")
    URI events;

    /** One SSE event as the console reads it. */
    record Event(String id, String name, String data) {
    }

    /** A console following the stream; its events arrive on a queue. */
    final class Console implements AutoCloseable {
        final BlockingQueue<Event> received = new LinkedBlockingQueue<>();
        final List<String> comments = new ArrayList<>();
        private final CompletableFuture<HttpResponse<Stream<String>>> response;

        Console(String token, String lastEventId) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(events).header("Authorization", "Bearer " + token)
                    .header("Accept", "text/event-stream");
            if (lastEventId != null) {
                request.header("Last-Event-ID", lastEventId);
            }
            response = HttpClient.newHttpClient().sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines());
            HttpResponse<Stream<String>> answer = response.get(10, TimeUnit.SECONDS);
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
            Thread reader = new Thread(() -> {
                String id = null;
                String name = null;
                StringBuilder data = new StringBuilder();
                for (String line : (Iterable<String>) answer.body()::iterator) {
                    if (line.isEmpty()) {
                        if (data.length() > 0) {
                            received.add(new Event(id, name, data.toString()));
                        }
                        id = null;
                        name = null;
                        data.setLength(0);
                    } else if (line.startsWith(":")) {
                        comments.add(line);
                    } else if (line.startsWith("id:")) {
                        id = line.substring(3).strip();
                    } else if (line.startsWith("event:")) {
                        name = line.substring(6).strip();
                    } else if (line.startsWith("data:")) {
                        data.append(line.substring(5).strip());
                    }
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        Event next(Duration within) throws InterruptedException {
            return received.poll(within.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** Waits for an event of this name about this conversation, skipping others. */
        Event awaitEvent(String name, String conversationId, Duration within) throws InterruptedException {
            long deadline = System.nanoTime() + within.toNanos();
            while (System.nanoTime() < deadline) {
                Event event = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
                if (event != null && name.equals(event.name()) && event.data().contains(conversationId)) {
                    return event;
                }
            }
            return null;
        }

        @Override
        public void close() {
            response.thenAccept(r -> r.body().close());
            response.cancel(true);
        }
    }


    @Test
    void a_console_hears_a_patients_message_within_a_second_and_another_organisations_console_hears_nothing() throws Exception {
        Meta.Number clinic = Meta.connectedNumber();
        Meta.Number other = Meta.connectedNumber();
        String waId = Meta.waId();
        try (Console reception = new Console(TestTokens.member(clinic.orgId(), "ORG_AGENT"), null);
                Console elsewhere = new Console(TestTokens.member(other.orgId(), "ORG_ADMIN"), null)) {
            // The first webhook of a fresh service pays for its warm-up; the delay measured is the feed's.
            Meta.contactWrites(Meta.connectedNumber(), Meta.waId(), "Olá");
            long sent = System.nanoTime();
            Meta.contactWrites(clinic, waId, "Bom dia, queria marcar uma consulta");
            String conversation = Meta.conversationOf(clinic, waId).toString();

            Event message = reception.awaitEvent("message", conversation, Duration.ofSeconds(5));
            assertThat(message).as("the message reached the console").isNotNull();
            assertThat(Duration.ofNanos(System.nanoTime() - sent)).isLessThan(Duration.ofSeconds(2));
            assertThat(message.id()).isNotBlank();
            assertThat(message.data()).as("the event says what changed, never the text").doesNotContain("consulta");

            given().auth().oauth2(TestTokens.member(clinic.orgId(), "ORG_AGENT")).contentType("application/json")
                    .when().post("/api/conversations/" + conversation + "/take-over").then().statusCode(200);
            assertThat(reception.awaitEvent("conversation", conversation, Duration.ofSeconds(5))).isNotNull();

            assertThat(elsewhere.next(Duration.ofMillis(700))).as("another organisation hears nothing").isNull();
        }
    }

    @Test
    void a_change_whose_transaction_commits_after_a_later_ones_still_reaches_the_console() throws Exception {
        Meta.Number clinic = Meta.connectedNumber();
        String slow = Meta.waId();
        String quick = Meta.waId();
        Meta.contactWrites(clinic, slow, "Oi");
        Meta.contactWrites(clinic, quick, "Olá");
        String slowConversation = Meta.conversationOf(clinic, slow).toString();
        String quickConversation = Meta.conversationOf(clinic, quick).toString();
        try (Console reception = new Console(TestTokens.member(clinic.orgId(), "ORG_AGENT"), null)) {
            // The slow transaction takes its event id first and commits last.
            var connection = Meta.pool().getConnection().await().indefinitely();
            try {
                var transaction = connection.begin().await().indefinitely();
                connection.preparedQuery("update conversation set handoff_reason = 'slow' where id = $1")
                        .execute(io.vertx.mutiny.sqlclient.Tuple.of(UUID.fromString(slowConversation))).await().indefinitely();
                Meta.execute("update conversation set handoff_reason = 'quick' where id = $1", UUID.fromString(quickConversation));
                assertThat(reception.awaitEvent("conversation", quickConversation, Duration.ofSeconds(5))).isNotNull();
                transaction.commit().await().indefinitely();
            } finally {
                connection.close().await().indefinitely();
            }
            assertThat(reception.awaitEvent("conversation", slowConversation, Duration.ofSeconds(5)))
                    .as("the event of the transaction that committed last").isNotNull();
        }
    }

    @Test
    void a_console_that_reconnects_with_its_last_event_id_gets_what_it_missed_and_one_too_far_behind_is_told_to_reload()
            throws Exception {
        Meta.Number clinic = Meta.connectedNumber();
        String token = TestTokens.member(clinic.orgId(), "ORG_MANAGER");
        String waId = Meta.waId();
        String lastSeen;
        try (Console before = new Console(token, null)) {
            Meta.contactWrites(clinic, waId, "Oi");
            Event first = before.awaitEvent("message", Meta.conversationOf(clinic, waId).toString(), Duration.ofSeconds(5));
            assertThat(first).isNotNull();
            lastSeen = first.id();
        }
        // While the console is away: another message and a take-over.
        Meta.contactWrites(clinic, waId, "Alguém aí?");
        String conversation = Meta.conversationOf(clinic, waId).toString();
        given().auth().oauth2(token).contentType("application/json").when().post("/api/conversations/" + conversation + "/take-over")
                .then().statusCode(200);

        try (Console after = new Console(token, lastSeen)) {
            List<String> names = new ArrayList<>();
            for (Event e = after.next(Duration.ofSeconds(3)); e != null; e = after.next(Duration.ofMillis(500))) {
                assertThat(Long.parseLong(e.id())).as("only what came after the last event seen").isGreaterThan(Long.parseLong(lastSeen));
                names.add(e.name());
            }
            assertThat(names).contains("message", "conversation");
        }

        Meta.execute("delete from inbox_event where org_id = $1 and id <= $2", clinic.orgId(), Long.parseLong(lastSeen));
        try (Console tooLate = new Console(token, lastSeen)) {
            Event reload = tooLate.next(Duration.ofSeconds(3));
            assertThat(reload).isNotNull();
            assertThat(reload.name()).isEqualTo("reload");
        }
    }

    @Test
    void the_stream_needs_a_members_token() {
        given().when().get("/api/inbox/events").then().statusCode(401);
        given().auth().oauth2(TestTokens.superAdmin()).when().get("/api/inbox/events").then().statusCode(403);
    }
}
