package br.ft9.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import br.ft9.common.testing.RealInfrastructure;
import br.ft9.common.testing.TestTokens;
import br.ft9.gateway.support.Commands;
import br.ft9.gateway.support.GraphApiStub;
import br.ft9.gateway.support.Meta;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Row;

/**
 * Every message type and status shape Meta documents, replayed through the signed webhook
 * (payloads in src/test/resources/meta): each message is stored in the contact's conversation and
 * announced; each status moves the message it names.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(TestTokens.class)
@WithTestResource(GraphApiStub.class)
class MetaPayloadsTest {

    @ParameterizedTest(name = "a {0} message is stored as {1} with its text and announced")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "text                     | text        | Qual o valor da consulta? | Qual o valor da consulta?",
        "image                    | image       | Minha carteirinha         | Minha carteirinha",
        "audio                    | audio       | -                         | -",
        "document                 | document    | Pedido médico             | Pedido médico",
        "video                    | video       | Como está o joelho        | Como está o joelho",
        "sticker                  | sticker     | -                         | -",
        "location                 | location    | -                         | -",
        "contacts                 | contacts    | -                         | -",
        "interactive_button_reply | interactive | Confirmar                 | Confirmar",
        "interactive_list_reply   | interactive | Terça 10h                 | Terça 10h",
        "button                   | button      | Sim, confirmo             | Sim, confirmo",
        "reaction                 | reaction    | 👍                        | 👍",
        "unsupported              | unsupported | -                         | -" })
    void every_documented_message_type_is_stored_once_and_announced(String payload, String type, String text, String stored) {
        Meta.Number number = Meta.connectedNumber();
        String contact = Meta.waId();
        String wamid = Meta.wamid();

        assertThat(Meta.deliver(Meta.payload(payload, number.phoneNumberId(), contact, wamid, text))).isEqualTo(200);

        Row row = Meta.row("select m.type, m.text, m.direction, m.conversation_id, c.profile_name from message m"
                + " join contact c on c.id = m.contact_id where m.org_id = $1 and m.wa_message_id = $2", number.orgId(), wamid);
        assertThat(row).isNotNull();
        assertThat(row.getString("type")).isEqualTo(type);
        assertThat(row.getString("text")).isEqualTo(stored);
        assertThat(row.getString("direction")).isEqualTo("IN");
        assertThat(row.getUUID("conversation_id")).isNotNull();
        assertThat(row.getString("profile_name")).isEqualTo("Sheena Nelson");
        assertThat(Meta.row("select count(*) from event_outbox where type = 'ft9.whatsapp.message.received.v1'"
                + " and payload like '%' || $1 || '%'", wamid).getLong(0)).isEqualTo(1);
    }

    @ParameterizedTest(name = "a {0} status of a sent message is recorded")
    @CsvSource({ "sent", "delivered", "read", "failed" })
    void every_documented_status_moves_the_message_it_names(String status) {
        Meta.Number number = Meta.connectedNumber();
        String contact = Meta.waId();
        Meta.contactWrites(number, contact, "Oi");
        UUID command = UUID.randomUUID();
        try (var kafka = new br.ft9.common.testing.CloudEventSender()) {
            Commands.send(kafka, command, number.orgId(), contact, "bot", Commands.text("Olá!"));
        }
        String wamid = Commands.awaitOutcome(command).getString("wa_message_id");

        assertThat(Meta.deliver(Meta.payload("status_" + status, number.phoneNumberId(), contact, wamid, null))).isEqualTo(200);

        Row row = Meta.row("select status, status_at from message where command_id = $1", command);
        assertThat(row.getString("status")).isEqualTo(status);
        assertThat(row.getOffsetDateTime("status_at")).isNotNull();
        assertThat(Meta.row("select count(*) from event_outbox where type = 'ft9.whatsapp.message.status.v1'"
                + " and payload like '%' || $1 || '%' and payload like '%\"status\":\"' || $2 || '\"%'", wamid, status).getLong(0))
                .as("one guarded update and no event while nothing reads them (StatusEventsTest turns them on)").isZero();
    }
}
