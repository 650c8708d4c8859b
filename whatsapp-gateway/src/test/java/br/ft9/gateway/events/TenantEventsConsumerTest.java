package br.ft9.gateway.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import br.ft9.common.testing.CloudEventSender;
import br.ft9.common.testing.RealInfrastructure;
import br.ft9.common.testing.TestTokens;
import br.ft9.gateway.support.GraphApiStub;
import io.quarkus.arc.Arc;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/** The gateway's organisation directory follows tenant-service's events through the real broker. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(TestTokens.class)
@WithTestResource(GraphApiStub.class)
class TenantEventsConsumerTest {

    private static final String TOPIC = "ft9.tenant.events";

    private static String created(UUID orgId, String name) {
        return """
                {"orgId":"%s","name":"%s","slug":"s-%s","timeZone":"America/Sao_Paulo","locale":"pt-BR",\
                "status":"ACTIVE","createdAt":"2026-11-25T12:00:00Z","someFieldAddedLater":42}"""
                .formatted(orgId, name, orgId.toString().substring(0, 8));
    }

    private static RowSet<Row> query(String sql, Object... params) {
        Pool pool = Arc.container().instance(Pool.class).get();
        return pool.preparedQuery(sql).execute(Tuple.from(params)).await().indefinitely();
    }

    private static String nameOf(UUID orgId) {
        RowSet<Row> rows = query("select name from organization where org_id = $1", orgId);
        return rows.size() == 0 ? null : rows.iterator().next().getString("name");
    }

    @Test
    void an_organisation_created_in_tenant_service_appears_in_the_gateways_directory() {
        UUID orgId = UUID.randomUUID();
        try (CloudEventSender sender = new CloudEventSender()) {
            sender.send(TOPIC, orgId.toString(), UUID.randomUUID().toString(), OrganizationEventV1.CREATED,
                    "tenant-service", orgId.toString(), created(orgId, "Clínica Sorriso"));
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(nameOf(orgId)).isEqualTo("Clínica Sorriso"));
    }

    @Test
    void later_snapshots_update_and_suspend_the_directory_entry() {
        UUID orgId = UUID.randomUUID();
        try (CloudEventSender sender = new CloudEventSender()) {
            sender.send(TOPIC, orgId.toString(), UUID.randomUUID().toString(), OrganizationEventV1.CREATED,
                    "tenant-service", orgId.toString(), created(orgId, "Clínica Velha"));
            sender.send(TOPIC, orgId.toString(), UUID.randomUUID().toString(), "ft9.tenant.organization.updated.v1",
                    "tenant-service", orgId.toString(), created(orgId, "Clínica Nova"));
            sender.send(TOPIC, orgId.toString(), UUID.randomUUID().toString(), "ft9.tenant.organization.suspended.v1",
                    "tenant-service", orgId.toString(), created(orgId, "Clínica Nova").replace("\"ACTIVE\"", "\"SUSPENDED\""));
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                query("select name || ' ' || status from organization where org_id = $1", orgId).iterator().next().getString(0))
                .isEqualTo("Clínica Nova SUSPENDED"));
    }

    private static String channel(UUID orgId, UUID channelId, String phoneNumberId, boolean connected) {
        return """
                {"orgId":"%s","channelId":"%s","phoneNumberId":"%s","displayPhoneNumber":"+55 11 91234-5678",\
                "wabaId":"102290129340398"%s}""".formatted(orgId, channelId, phoneNumberId,
                connected ? ",\"accessTokenSealed\":\"v1:c2VhbGVk\"" : "");
    }

    private static String ownerOf(String phoneNumberId) {
        RowSet<Row> rows = query("select org_id from channel where phone_number_id = $1", phoneNumberId);
        return rows.size() == 0 ? null : rows.iterator().next().getUUID(0).toString();
    }

    @Test
    void the_phone_number_map_follows_connections_and_disconnections_and_ignores_a_stale_disconnection() {
        String number = String.valueOf(System.nanoTime());
        UUID first = UUID.randomUUID();
        UUID firstChannel = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID secondChannel = UUID.randomUUID();
        try (CloudEventSender sender = new CloudEventSender()) {
            sender.send(TOPIC, first.toString(), UUID.randomUUID().toString(), ChannelEventV1.CONNECTED, "tenant-service",
                    first.toString(), channel(first, firstChannel, number, true));
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(ownerOf(number)).isEqualTo(first.toString()));
        try (CloudEventSender sender = new CloudEventSender()) {
            sender.send(TOPIC, first.toString(), UUID.randomUUID().toString(), ChannelEventV1.DISCONNECTED, "tenant-service",
                    first.toString(), channel(first, firstChannel, number, false));
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(ownerOf(number)).isNull());
        try (CloudEventSender sender = new CloudEventSender()) {
            sender.send(TOPIC, second.toString(), UUID.randomUUID().toString(), ChannelEventV1.CONNECTED, "tenant-service",
                    second.toString(), channel(second, secondChannel, number, true));
            // A late copy of the first organisation's disconnection must not unmap the new owner.
            sender.send(TOPIC, second.toString(), UUID.randomUUID().toString(), ChannelEventV1.DISCONNECTED, "tenant-service",
                    first.toString(), channel(first, firstChannel, number, false));
            sender.send(TOPIC, second.toString(), UUID.randomUUID().toString(), OrganizationEventV1.CREATED, "tenant-service",
                    second.toString(), created(second, "Marcador"));
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(nameOf(second)).isEqualTo("Marcador"));
        assertThat(ownerOf(number)).isEqualTo(second.toString());
    }

    @Test
    void an_erased_organisation_leaves_nothing_in_the_directory_or_the_phone_number_map() {
        UUID orgId = UUID.randomUUID();
        String number = String.valueOf(System.nanoTime());
        try (CloudEventSender sender = new CloudEventSender()) {
            sender.send(TOPIC, orgId.toString(), UUID.randomUUID().toString(), OrganizationEventV1.CREATED,
                    "tenant-service", orgId.toString(), created(orgId, "Clínica Efêmera"));
            sender.send(TOPIC, orgId.toString(), UUID.randomUUID().toString(), ChannelEventV1.CONNECTED, "tenant-service",
                    orgId.toString(), channel(orgId, UUID.randomUUID(), number, true));
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(ownerOf(number)).isEqualTo(orgId.toString()));
        try (CloudEventSender sender = new CloudEventSender()) {
            sender.send(TOPIC, orgId.toString(), UUID.randomUUID().toString(), OrganizationEventV1.DELETED, "tenant-service",
                    orgId.toString(), "{\"orgId\":\"" + orgId + "\",\"slug\":\"x\",\"deletedAt\":\"2026-11-25T12:00:00Z\"}");
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(nameOf(orgId)).isNull();
            assertThat(ownerOf(number)).isNull();
        });
    }

    @Test
    void a_redelivered_event_is_applied_once() {
        UUID orgId = UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();
        try (CloudEventSender sender = new CloudEventSender()) {
            sender.send(TOPIC, orgId.toString(), eventId, OrganizationEventV1.CREATED, "tenant-service",
                    orgId.toString(), created(orgId, "First"));
            // The same event id again (a redelivery), then a new event; same key, so same partition and order.
            sender.send(TOPIC, orgId.toString(), eventId, OrganizationEventV1.CREATED, "tenant-service",
                    orgId.toString(), created(orgId, "Redelivered copy"));
            sender.send(TOPIC, orgId.toString(), UUID.randomUUID().toString(), OrganizationEventV1.CREATED,
                    "tenant-service", orgId.toString(), created(orgId, "Last"));
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(nameOf(orgId)).isEqualTo("Last"));
        long applied = query("select count(*) from processed_event where consumer = $1 and event_id = $2",
                TenantEventsConsumer.CONSUMER, eventId).iterator().next().getLong(0);
        assertThat(applied).isEqualTo(1);
    }

    @Test
    void an_unreadable_event_goes_to_the_dead_letter_topic_and_does_not_block_the_next_one() {
        UUID orgId = UUID.randomUUID();
        try (br.ft9.common.testing.KafkaProbe dlq = br.ft9.common.testing.KafkaProbe.tail(TOPIC + ".dlq");
                CloudEventSender sender = new CloudEventSender()) {
            String poisonId = UUID.randomUUID().toString();
            sender.send(TOPIC, orgId.toString(), poisonId, OrganizationEventV1.CREATED, "tenant-service",
                    orgId.toString(), "{not json");
            sender.send(TOPIC, orgId.toString(), UUID.randomUUID().toString(), OrganizationEventV1.CREATED,
                    "tenant-service", orgId.toString(), created(orgId, "After the poison"));

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(nameOf(orgId)).isEqualTo("After the poison"));
            dlq.awaitRecord(r -> orgId.toString().equals(r.key()) && "{not json".equals(r.value()), Duration.ofSeconds(20));
        }
    }
}
