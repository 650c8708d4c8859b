package br.ft9.gateway.support;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import br.ft9.common.security.SecretBox;
import br.ft9.common.testing.Sql;
import br.ft9.common.security.HmacSignature;
import io.quarkus.arc.Arc;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Plays Meta's side in tests: connected numbers (as tenant-service's channel events map them), webhook
 * notifications from the documented payloads in {@code src/test/resources/meta}, signed with the app secret.
 */
public final class Meta {

    public static final HmacSignature SIGNATURE = new HmacSignature("test-only-app-secret");
    public static final String ACCESS_TOKEN = "EAAGtestOnlyGraphAccessToken0001";

    /** A WhatsApp number connected by an organisation. */
    public record Number(UUID orgId, String phoneNumberId) {
    }

    private Meta() {
    }

    public static Pool pool() {
        return Sql.pool();
    }

    /** A number connected by a new organisation, its Graph API token sealed as tenant-service seals it. */
    public static Number connectedNumber() {
        return connectedNumber(UUID.randomUUID());
    }

    public static Number connectedNumber(UUID orgId) {
        String phoneNumberId = String.valueOf(100_000_000_000_000L + (System.nanoTime() % 899_999_999_999_999L));
        String sealed = Arc.container().instance(SecretBox.class).get().encrypt(ACCESS_TOKEN);
        pool().preparedQuery("insert into channel (phone_number_id, org_id, channel_id, display_phone_number, waba_id,"
                + " access_token_sealed, updated_at) values ($1, $2, $3, '+55 11 3333-4444', '102290129340398', $4, now())")
                .execute(Tuple.of(phoneNumberId, orgId, UUID.randomUUID(), sealed)).await().indefinitely();
        return new Number(orgId, phoneNumberId);
    }

    public static String wamid() {
        return "wamid.HBgN" + UUID.randomUUID().toString().replace("-", "").toUpperCase();
    }

    /** A fresh WhatsApp id (Brazilian mobile). */
    public static String waId() {
        return "55119" + String.format("%08d", Math.floorMod(System.nanoTime(), 100_000_000L));
    }

    /** One of the documented payloads with the number, sender, message id and text filled in. */
    public static String payload(String name, String phoneNumberId, String from, String wamid, String text) {
        try (InputStream in = Meta.class.getResourceAsStream("/meta/" + name + ".json")) {
            String template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return template.replace("{{PHONE_NUMBER_ID}}", phoneNumberId).replace("{{FROM}}", from)
                    .replace("{{WAMID}}", wamid).replace("{{TEXT}}", text == null ? "" : text)
                    .replace("{{TIMESTAMP}}", String.valueOf(System.currentTimeMillis() / 1000));
        } catch (IOException | NullPointerException e) {
            throw new IllegalArgumentException("no payload meta/" + name + ".json", e);
        }
    }

    /** POSTs a notification signed with the app secret; answers the status code. */
    public static int deliver(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return given().contentType("application/json").header("X-Hub-Signature-256", SIGNATURE.sign(bytes)).body(bytes)
                .when().post("/webhooks/whatsapp").then().extract().statusCode();
    }

    /** The contact writes a text message to the number. */
    public static String contactWrites(Number number, String from, String text) {
        String wamid = wamid();
        int status = deliver(payload("text", number.phoneNumberId(), from, wamid, text));
        if (status != 200) {
            throw new IllegalStateException("the webhook answered " + status);
        }
        return wamid;
    }

    /** The contact's open conversation with the number. */
    public static java.util.UUID conversationOf(Number number, String waId) {
        return row("select v.id from conversation v join contact c on c.id = v.contact_id where c.org_id = $1"
                + " and c.wa_id = $2 and v.status = 'OPEN'", number.orgId(), waId).getUUID(0);
    }

    /** One row of a query, or null. */
    public static Row row(String sql, Object... parameters) {
        return Sql.row(sql, parameters);
    }

    public static void execute(String sql, Object... parameters) {
        Sql.execute(sql, parameters);
    }
}
