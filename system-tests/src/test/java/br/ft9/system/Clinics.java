package br.ft9.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Page;

import br.ft9.common.testing.TestTokens;
import br.ft9.common.security.HmacSignature;
import io.quarkus.elytron.security.common.BcryptUtil;

/**
 * What the browser stories set up through the services' own doors: a clinic opened by staff, a member with a password,
 * a connected number, a patient's signed WhatsApp message, and axe-core's verdict on a page.
 */
final class Clinics {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    private Clinics() {
    }

    /** axe-core's script, added to a browser context as its own script (the page's CSP does not apply to it). */
    static String axe() throws IOException {
        return Files.readString(Path.of(System.getProperty("ft9.root", ".."), "console/src/main/webui/node_modules/axe-core/axe.min.js"));
    }

    static UUID open(URI tenantService, String name) throws Exception {
        String body = "{\"name\":\"" + name + "\",\"slug\":\"it-console-" + UUID.randomUUID().toString().substring(0, 8) + "\"}";
        return UUID.fromString(call(tenantService, "POST", "/api/organizations", TestTokens.superAdmin(), body, 201).path("id").asText());
    }

    /** A member who signs in with this password. */
    static void member(UUID orgId, String email, String name, String role, String password) throws Exception {
        Database.update("auth", "insert into user_account (id, org_id, email, display_name, password_hash, role, status, created_at,"
                + " updated_at) values (?::uuid, ?::uuid, ?, ?, ?, ?, 'ACTIVE', now(), now())", UUID.randomUUID().toString(),
                orgId.toString(), email, name, BcryptUtil.bcryptHash(password, 10), role);
    }

    /** Connects a new number (business account 102290129340398) for the organisation; answers its phone number id. */
    static String connect(URI tenantService, UUID orgId) throws Exception {
        String phoneNumberId = String.valueOf(100_000_000_000_000L + ThreadLocalRandom.current().nextLong(800_000_000_000_000L));
        call(tenantService, "POST", "/api/organizations/me/channels", TestTokens.member(orgId, "ORG_ADMIN"), "{\"phoneNumberId\":\""
                + phoneNumberId + "\",\"displayPhoneNumber\":\"+55 11 3222-0000\",\"wabaId\":\"102290129340398\","
                + "\"accessToken\":\"EAAG-console-test-token-0001\"}", 201);
        return phoneNumberId;
    }

    /** A fresh Brazilian mobile WhatsApp id. */
    static String patient() {
        return "55119" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    /** A patient's text message, as Meta's webhook delivers it, signed with the app secret; answers the status code. */
    static int writes(URI webhooks, String appSecret, String phoneNumberId, String from, String name, String text) throws Exception {
        String body = JSON.writeValueAsString(Map.of("object", "whatsapp_business_account", "entry", List.of(Map.of("id",
                "102290129340398", "changes", List.of(Map.of("field", "messages", "value", Map.of("messaging_product", "whatsapp",
                        "metadata", Map.of("display_phone_number", "551132220000", "phone_number_id", phoneNumberId),
                        "contacts", List.of(Map.of("profile", Map.of("name", name), "wa_id", from)),
                        "messages", List.of(Map.of("from", from, "id", "wamid.console" + UUID.randomUUID().toString().replace("-", ""),
                                "timestamp", String.valueOf(OffsetDateTime.now().toEpochSecond()), "type", "text",
                                "text", Map.of("body", text))))))))));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return HTTP.send(HttpRequest.newBuilder(webhooks.resolve("/webhooks/whatsapp")).header("Content-Type", "application/json")
                .header("X-Hub-Signature-256", new HmacSignature(appSecret).sign(bytes))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    static JsonNode get(URI service, String path, String token) {
        try {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(service.resolve(path)).header("Authorization", "Bearer " + token)
                    .build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode call(URI service, String method, String path, String token, String body, int expected) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(service.resolve(path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(method + " " + path + ": " + answer.body()).isEqualTo(expected);
        return JSON.readTree(answer.body());
    }

    /** No serious or critical axe-core violation on the page as it is now. */
    static void accessible(Page on, String screen) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> violations = (List<Map<String, Object>>) on.evaluate("async () => (await axe.run(document, "
                + "{ resultTypes: ['violations'] })).violations.filter(v => v.impact === 'serious' || v.impact === 'critical')"
                + ".map(v => ({ id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 3) }))");
        assertThat(violations).as("serious or critical axe-core violations on " + screen).isEmpty();
    }
}
