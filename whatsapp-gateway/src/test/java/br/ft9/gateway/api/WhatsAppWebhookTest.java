package br.ft9.gateway.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import br.ft9.common.testing.KafkaProbe;
import br.ft9.common.testing.RealInfrastructure;
import br.ft9.common.testing.TestTokens;
import br.ft9.gateway.support.GraphApiStub;
import br.ft9.common.security.HmacSignature;
import io.quarkus.arc.Arc;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Meta's webhook with its real payload shapes: the handshake, the signature check, storage, de-duplication and the event. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(TestTokens.class)
@WithTestResource(GraphApiStub.class)
class WhatsAppWebhookTest {

    private static final HmacSignature META = new HmacSignature("test-only-app-secret");

    private static Pool pool() {
        return Arc.container().instance(Pool.class).get();
    }

    /** A number of a new organisation, as tenant-service's channel event would have mapped it. */
    private static Map.Entry<UUID, String> connectedNumber() {
        UUID orgId = UUID.randomUUID();
        String phoneNumberId = String.valueOf(System.nanoTime());
        pool().preparedQuery("insert into channel (phone_number_id, org_id, channel_id, display_phone_number, waba_id,"
                + " access_token_sealed, updated_at) values ($1, $2, $3, '+55 11 3333-4444', '102290129340398', 'v1:x', now())")
                .execute(Tuple.of(phoneNumberId, orgId, UUID.randomUUID())).await().indefinitely();
        return Map.entry(orgId, phoneNumberId);
    }

    /** Meta's notification of one text message, as its documentation shows it. */
    private static String textMessage(String phoneNumberId, String from, String wamid, String body) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{\
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"5511333344444","phone_number_id":"%s"},\
                "contacts":[{"profile":{"name":"Maria Souza"},"wa_id":"%s"}],\
                "messages":[{"from":"%s","id":"%s","timestamp":"1764072000","type":"text","text":{"body":"%s"}}]},\
                "field":"messages"}]}]}""".formatted(phoneNumberId, from, from, wamid, body);
    }

    private static int post(String body, String signature) {
        var request = given().contentType("application/json").body(body.getBytes(StandardCharsets.UTF_8));
        if (signature != null) {
            request = request.header("X-Hub-Signature-256", signature);
        }
        return request.when().post("/webhooks/whatsapp").then().extract().statusCode();
    }

    private static long stored(String wamid) {
        return pool().preparedQuery("select count(*) from message where wa_message_id = $1").execute(Tuple.of(wamid))
                .await().indefinitely().iterator().next().getLong(0);
    }

    private static long announced(String wamid) {
        return pool().preparedQuery("select count(*) from event_outbox where payload like '%' || $1 || '%'")
                .execute(Tuple.of(wamid)).await().indefinitely().iterator().next().getLong(0);
    }

    private static String wamid() {
        return "wamid.HBgN" + UUID.randomUUID().toString().replace("-", "").toUpperCase();
    }

    @Test
    void the_verification_handshake_echoes_the_challenge_only_for_our_token() {
        given().queryParam("hub.mode", "subscribe").queryParam("hub.verify_token", "test-only-verify-token")
                .queryParam("hub.challenge", "1158201444").when().get("/webhooks/whatsapp")
                .then().statusCode(200).body(equalTo("1158201444"));
        given().queryParam("hub.mode", "subscribe").queryParam("hub.verify_token", "guess")
                .queryParam("hub.challenge", "1158201444").when().get("/webhooks/whatsapp").then().statusCode(403);
    }

    @Test
    void a_signed_text_message_is_stored_and_announced_keyed_by_organisation_and_contact() {
        Map.Entry<UUID, String> number = connectedNumber();
        String wamid = wamid();
        String body = textMessage(number.getValue(), "5511987654321", wamid, "Qual o horário de atendimento?");
        try (KafkaProbe inbound = KafkaProbe.tail("ft9.whatsapp.inbound")) {
            assertThat(post(body, META.sign(body.getBytes(StandardCharsets.UTF_8)))).isEqualTo(200);

            ConsumerRecord<String, String> received = inbound.awaitRecord(r -> r.value().contains(wamid), Duration.ofSeconds(15));
            assertThat(received.key()).isEqualTo(number.getKey() + ":5511987654321");
            assertThat(KafkaProbe.cloudEvent(received)).containsEntry("type", "ft9.whatsapp.message.received.v1")
                    .containsEntry("subject", number.getKey().toString()).containsEntry("source", "whatsapp-gateway");
            assertThat(received.value()).contains("\"text\":\"Qual o horário de atendimento?\"")
                    .contains("\"profileName\":\"Maria Souza\"");
        }
        assertThat(stored(wamid)).isEqualTo(1);
    }

    @Test
    void a_redelivered_message_is_stored_and_announced_once() {
        Map.Entry<UUID, String> number = connectedNumber();
        String wamid = wamid();
        String body = textMessage(number.getValue(), "5511900000001", wamid, "Oi");
        String signed = META.sign(body.getBytes(StandardCharsets.UTF_8));
        assertThat(post(body, signed)).isEqualTo(200);
        assertThat(post(body, signed)).isEqualTo(200);
        assertThat(stored(wamid)).isEqualTo(1);
        assertThat(announced(wamid)).isEqualTo(1);
    }

    @Test
    void a_new_contacts_first_messages_arriving_at_once_are_kept_in_one_contact_and_one_open_conversation() throws Exception {
        Map.Entry<UUID, String> number = connectedNumber();
        String from = "55119" + String.valueOf(System.nanoTime()).substring(0, 8);
        java.util.List<String> wamids = java.util.stream.IntStream.range(0, 8).mapToObj(i -> wamid()).toList();
        assertThat(postAtOnce(wamids.stream().map(wamid -> textMessage(number.getValue(), from, wamid, "Oi, " + wamid)).toList()))
                .containsOnly(200);
        var counts = pool().preparedQuery("select (select count(*) from contact where org_id = $1 and wa_id = $2),"
                + " (select count(*) from conversation v join contact c on c.id = v.contact_id where c.org_id = $1"
                + " and c.wa_id = $2 and v.status = 'OPEN'),"
                + " (select count(distinct m.conversation_id) from message m join contact c on c.id = m.contact_id"
                + " where c.org_id = $1 and c.wa_id = $2), (select count(*) from message where org_id = $1)")
                .execute(Tuple.of(number.getKey(), from)).await().indefinitely().iterator().next();
        assertThat(counts.getLong(0)).as("contacts").isEqualTo(1);
        assertThat(counts.getLong(1)).as("open conversations").isEqualTo(1);
        assertThat(counts.getLong(2)).as("conversations holding the messages").isEqualTo(1);
        assertThat(counts.getLong(3)).as("messages").isEqualTo(wamids.size());
        for (String wamid : wamids) {
            assertThat(announced(wamid)).as("announced " + wamid).isEqualTo(1);
        }
    }

    @Test
    void webhooks_arriving_at_once_share_commits_and_each_is_answered_once_its_message_is_stored_and_announced() throws Exception {
        Map.Entry<UUID, String> number = connectedNumber();
        java.util.List<String> wamids = java.util.stream.IntStream.range(0, 32).mapToObj(i -> wamid()).toList();
        java.util.List<String> bodies = java.util.stream.IntStream.range(0, wamids.size()).mapToObj(i -> textMessage(
                number.getValue(), "55118" + String.valueOf(System.nanoTime() + i).substring(0, 8), wamids.get(i), "Oi")).toList();

        assertThat(postAtOnce(bodies)).containsOnly(200);

        for (String wamid : wamids) {
            assertThat(stored(wamid)).as("stored " + wamid).isEqualTo(1);
            assertThat(announced(wamid)).as("announced " + wamid).isEqualTo(1);
        }
        // a row's xmin is the transaction that wrote it: fewer transactions than messages means commits were shared
        long transactions = pool().preparedQuery("select count(distinct xmin::text) from message where org_id = $1")
                .execute(Tuple.of(number.getKey())).await().indefinitely().iterator().next().getLong(0);
        assertThat(transactions).as("transactions holding the 32 messages").isLessThan(wamids.size());
    }

    /** Posts the signed bodies side by side, all released at once; answers their status codes. */
    private static java.util.List<Integer> postAtOnce(java.util.List<String> bodies) throws Exception {
        var senders = java.util.concurrent.Executors.newFixedThreadPool(bodies.size());
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            var answers = bodies.stream().map(body -> senders.submit(() -> {
                start.await();
                return post(body, META.sign(body.getBytes(StandardCharsets.UTF_8)));
            })).toList();
            start.countDown();
            java.util.List<Integer> codes = new java.util.ArrayList<>();
            for (var answer : answers) {
                codes.add(answer.get(30, java.util.concurrent.TimeUnit.SECONDS));
            }
            return codes;
        } finally {
            senders.shutdownNow();
        }
    }

    @Test
    void forged_missing_foreign_and_one_byte_altered_signatures_are_refused_and_nothing_is_kept() {
        Map.Entry<UUID, String> number = connectedNumber();
        String wamid = wamid();
        String body = textMessage(number.getValue(), "5511900000002", wamid, "Oi");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String altered = body.replace("\"Oi\"", "\"Oh\"");

        assertThat(post(body, null)).isEqualTo(401);
        assertThat(post(body, "sha256=" + "0".repeat(64))).isEqualTo(401);
        assertThat(post(body, new HmacSignature("someone-elses-secret").sign(bytes))).isEqualTo(401);
        assertThat(post(altered, META.sign(bytes))).isEqualTo(401);

        assertThat(stored(wamid)).isZero();
        assertThat(announced(wamid)).isZero();
    }

    @Test
    void a_message_to_a_number_no_organisation_connected_is_dropped() {
        String wamid = wamid();
        String body = textMessage("999000111222333", "5511900000003", wamid, "Oi");
        assertThat(post(body, META.sign(body.getBytes(StandardCharsets.UTF_8)))).isEqualTo(200);
        assertThat(stored(wamid)).isZero();
    }

    @Test
    void a_signed_body_that_is_not_json_is_refused_with_400() {
        String body = "{\"object\": ";
        assertThat(post(body, META.sign(body.getBytes(StandardCharsets.UTF_8)))).isEqualTo(400);
    }

    @Test
    void a_nul_character_in_a_message_is_taken_out_and_the_batch_is_stored_whole() {
        Map.Entry<UUID, String> number = connectedNumber();
        String first = wamid();
        String second = wamid();
        String body = textMessage(number.getValue(), "5511900000004", first, "Oi\\u0000 tudo bem?")
                .replace("\"}}]}", "\"}},{\"from\":\"5511900000004\",\"id\":\"" + second
                        + "\",\"timestamp\":\"1764072001\",\"type\":\"text\",\"text\":{\"body\":\"depois\"}}]}")
                .replace("Maria Souza", "Maria\\u0000Souza");
        assertThat(post(body, META.sign(body.getBytes(StandardCharsets.UTF_8)))).isEqualTo(200);
        assertThat(stored(first)).isEqualTo(1);
        assertThat(stored(second)).isEqualTo(1);
        assertThat(pool().preparedQuery("select text from message where wa_message_id = $1").execute(Tuple.of(first)).await()
                .indefinitely().iterator().next().getString(0)).isEqualTo("Oi tudo bem?");
    }

    /** Meta's notification of several text messages (each: from, id, timestamp, body), each sender with a profile. */
    private static String textMessages(String phoneNumberId, java.util.List<String[]> messages) {
        String contacts = messages.stream().map(m -> m[0]).distinct()
                .map(from -> "{\"profile\":{\"name\":\"Contato " + from.substring(from.length() - 4) + "\"},\"wa_id\":\"" + from + "\"}")
                .collect(java.util.stream.Collectors.joining(","));
        String sent = messages.stream().map(m -> "{\"from\":\"%s\",\"id\":\"%s\",\"timestamp\":\"%s\",\"type\":\"text\",\"text\":{\"body\":\"%s\"}}"
                .formatted((Object[]) m)).collect(java.util.stream.Collectors.joining(","));
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{\
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"5511333344444","phone_number_id":"%s"},\
                "contacts":[%s],"messages":[%s]},"field":"messages"}]}]}""".formatted(phoneNumberId, contacts, sent);
    }

    private static Row openConversation(UUID orgId, String waId) {
        return pool().preparedQuery("select v.last_message_text, (select count(*) from message m where m.conversation_id = v.id),"
                + " c.profile_name from conversation v join contact c on c.id = v.contact_id where c.org_id = $1 and c.wa_id = $2"
                + " and v.status = 'OPEN'").execute(Tuple.of(orgId, waId)).await().indefinitely().iterator().next();
    }

    private static int deliveriesCounted(String wamid) {
        return pool().preparedQuery("select duplicate_deliveries from message where wa_message_id = $1").execute(Tuple.of(wamid))
                .await().indefinitely().iterator().next().getInteger(0);
    }

    @Test
    void a_notification_of_many_messages_keeps_each_new_one_once_counts_the_repeated_and_previews_each_contacts_newest() {
        Map.Entry<UUID, String> number = connectedNumber();
        String ana = "55117" + String.valueOf(System.nanoTime()).substring(0, 8);
        String bruno = "55116" + String.valueOf(System.nanoTime()).substring(0, 8);
        String known = wamid(), twice = wamid(), newest = wamid(), late = wamid(), brunosMessage = wamid();
        String first = textMessage(number.getValue(), ana, known, "primeira");
        assertThat(post(first, META.sign(first.getBytes(StandardCharsets.UTF_8)))).isEqualTo(200);

        String body = textMessages(number.getValue(), java.util.List.of(
                new String[] { ana, known, "1764072000", "primeira" },
                new String[] { ana, twice, "1764072010", "repetida" },
                new String[] { bruno, brunosMessage, "1764072005", "oi, sou o Bruno" },
                new String[] { ana, twice, "1764072010", "repetida" },
                new String[] { ana, newest, "1764072060", "a mais nova" },
                new String[] { ana, late, "1764072030", "atrasada" }));
        assertThat(post(body, META.sign(body.getBytes(StandardCharsets.UTF_8)))).isEqualTo(200);

        for (String wamid : java.util.List.of(known, twice, newest, late, brunosMessage)) {
            assertThat(stored(wamid)).as("stored " + wamid).isEqualTo(1);
            assertThat(announced(wamid)).as("announced " + wamid).isEqualTo(1);
        }
        assertThat(deliveriesCounted(known)).as("the message stored before, delivered again").isEqualTo(1);
        assertThat(deliveriesCounted(twice)).as("the message given twice in the notification").isEqualTo(1);
        assertThat(deliveriesCounted(newest)).isZero();
        Row anasConversation = openConversation(number.getKey(), ana);
        assertThat(anasConversation.getString(0)).isEqualTo("a mais nova");
        assertThat(anasConversation.getLong(1)).isEqualTo(4);
        assertThat(anasConversation.getString(2)).isEqualTo("Contato " + ana.substring(ana.length() - 4));
        Row brunosConversation = openConversation(number.getKey(), bruno);
        assertThat(brunosConversation.getString(0)).isEqualTo("oi, sou o Bruno");
        assertThat(brunosConversation.getLong(1)).isEqualTo(1);
    }

    @Test
    void a_message_meta_delivers_late_is_stored_but_the_inbox_keeps_showing_the_newer_message() {
        Map.Entry<UUID, String> number = connectedNumber();
        String from = "55118" + String.valueOf(System.nanoTime()).substring(0, 8);
        String newer = textMessage(number.getValue(), from, wamid(), "mensagem mais nova").replace("1764072000", "1764072060");
        String older = textMessage(number.getValue(), from, wamid(), "mensagem mais antiga");
        assertThat(post(newer, META.sign(newer.getBytes(StandardCharsets.UTF_8)))).isEqualTo(200);
        assertThat(post(older, META.sign(older.getBytes(StandardCharsets.UTF_8)))).isEqualTo(200);
        var conversation = pool().preparedQuery("select v.last_message_text, extract(epoch from v.last_message_at)::bigint,"
                + " (select count(*) from message m where m.conversation_id = v.id) from conversation v join contact c"
                + " on c.id = v.contact_id where c.org_id = $1 and c.wa_id = $2 and v.status = 'OPEN'")
                .execute(Tuple.of(number.getKey(), from)).await().indefinitely().iterator().next();
        assertThat(conversation.getString(0)).isEqualTo("mensagem mais nova");
        assertThat(conversation.getLong(1)).isEqualTo(1764072060L);
        assertThat(conversation.getLong(2)).isEqualTo(2);
    }

    @Test
    void a_number_that_changes_hands_takes_its_next_messages_to_the_new_owner_and_once_disconnected_takes_none() {
        Map.Entry<UUID, String> number = connectedNumber();
        String from = "55117" + String.valueOf(System.nanoTime()).substring(0, 8);
        String first = wamid();
        String body = textMessage(number.getValue(), from, first, "Oi");
        assertThat(post(body, META.sign(body.getBytes(StandardCharsets.UTF_8)))).isEqualTo(200);
        assertThat(ownerOf(first)).isEqualTo(number.getKey()); // the gateway now keeps the number's owner in memory

        UUID newOwner = UUID.randomUUID();
        pool().preparedQuery("update channel set org_id = $1, channel_id = $2, updated_at = now() where phone_number_id = $3")
                .execute(Tuple.of(newOwner, UUID.randomUUID(), number.getValue())).await().indefinitely();
        // the database's notification reaches the gateway after the commit, not before: a message or two may come first
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String next = wamid();
            String later = textMessage(number.getValue(), from, next, "Oi de novo");
            assertThat(post(later, META.sign(later.getBytes(StandardCharsets.UTF_8)))).isEqualTo(200);
            assertThat(ownerOf(next)).isEqualTo(newOwner);
        });

        pool().preparedQuery("delete from channel where phone_number_id = $1").execute(Tuple.of(number.getValue()))
                .await().indefinitely();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String next = wamid();
            String orphan = textMessage(number.getValue(), from, next, "Tem alguém?");
            assertThat(post(orphan, META.sign(orphan.getBytes(StandardCharsets.UTF_8)))).isEqualTo(200);
            assertThat(stored(next)).isZero();
        });
    }

    private static UUID ownerOf(String wamid) {
        var rows = pool().preparedQuery("select org_id from message where wa_message_id = $1").execute(Tuple.of(wamid))
                .await().indefinitely();
        return rows.size() == 0 ? null : rows.iterator().next().getUUID(0);
    }

    @Test
    void a_delivery_for_a_number_from_a_business_account_other_than_the_numbers_is_dropped() {
        Map.Entry<UUID, String> number = connectedNumber();
        String wamid = wamid();
        String body = textMessage(number.getValue(), "5511900000005", wamid, "Oi").replace("\"id\":\"102290129340398\"",
                "\"id\":\"999999999999999\"");
        assertThat(post(body, META.sign(body.getBytes(StandardCharsets.UTF_8)))).isEqualTo(200);
        assertThat(stored(wamid)).isZero();
        assertThat(announced(wamid)).isZero();
    }
}
