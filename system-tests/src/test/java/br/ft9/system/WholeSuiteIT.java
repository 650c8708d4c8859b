package br.ft9.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;

import br.ft9.common.security.HmacSignature;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.restassured.http.ContentType;

/**
 * The whole product as a new user runs it: the README's {@code up.sh} starts the six services as separate processes
 * (the jars the build packaged) on real PostgreSQL, Redis and Kafka and seeds the demo clinic; {@code demo.sh} plays a
 * patient's conversation and must see every expected effect; then, through the public entry points only: a forged
 * webhook changes nothing, a message Meta delivers twice is answered once, a conversation a person has gets no bot
 * reply, and a user of another organisation sees none of it; a second {@code up.sh} says the suite is up; no service's
 * log holds a contact's number, name or words; a backup made while it runs, restored after the database is lost, lets
 * a conversation go on. The demo's admin watches the conversation arrive in the console (Debian's Chromium), takes it
 * over and answers it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WholeSuiteIT {

    private static final Path ROOT = Path.of(System.getProperty("ft9.root", ".."));
    private static final String AUTH = "http://127.0.0.1:8081";
    private static final String MEMORY = "http://127.0.0.1:8084";
    private static final String GATEWAY = "http://127.0.0.1:8086";
    /** A database of its own, made afresh: the developer's local suite (database ft9) is left alone. */
    private static final String DATABASE = "ft9_suite_it";
    private static Path run;
    private static Map<String, String> secrets;
    /** Every contact's number and words this test sent: none may reach a service's log. */
    private static final java.util.Set<String> SENT = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static String admin;

    private static Map.Entry<Integer, String> script(String name, long seconds, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("bash", ROOT.resolve("deploy/local").resolve(name).toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().put("FT9_RUN", run.toString());
        builder.environment().put("FT9_SKIP_BUILD", "1");
        builder.environment().put("PG_DB", DATABASE);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(seconds, TimeUnit.SECONDS)).as(name + " finished").isTrue();
        System.out.println(output);
        return Map.entry(process.exitValue(), output);
    }

    @BeforeAll
    static void startTheSuite() throws Exception {
        run = Files.createTempDirectory("ft9-suite");
        Process drop = new ProcessBuilder(List.of("bash", "-c", ". \"$0\" && pg_admin -d postgres -c 'drop database if exists "
                + DATABASE + " with (force)' </dev/null", ROOT.resolve("deploy/local/lib.sh").toString())).inheritIO().start();
        assertThat(drop.waitFor(60, TimeUnit.SECONDS) && drop.exitValue() == 0).as("the suite's database dropped").isTrue();
        Map.Entry<Integer, String> up = script("up.sh", 300);
        assertThat(up.getKey()).as(up.getValue()).isZero();
        assertThat(up.getValue()).contains("demo clinic ready").contains("the suite is up");
        secrets = new HashMap<>();
        for (String line : Files.readAllLines(ROOT.resolve("deploy/local/local.env"))) {
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && eq > 0) {
                secrets.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        admin = signIn("admin@ft9.com.br", "ft9demo");
    }

    /** Stops the console and services up.sh started (their pid files), leaving the broker the other tests use. */
    @AfterAll
    static void stopTheSuitesServices() throws Exception {
        Path pids = run.resolve("pids");
        if (!Files.isDirectory(pids)) {
            return;
        }
        try (Stream<Path> files = Files.list(pids)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".pid") && !f.getFileName().toString().startsWith("kafka")
                    && !f.getFileName().toString().startsWith("redis")).toList()) {
                ProcessHandle.of(Long.parseLong(Files.readString(file).strip())).ifPresent(p -> {
                    p.destroy();
                    p.onExit().orTimeout(30, TimeUnit.SECONDS).join();
                });
            }
        }
    }

    private static String signIn(String email, String password) {
        return given().baseUri(AUTH).contentType(ContentType.JSON).body(Map.of("email", email, "password", password))
                .when().post("/api/auth/login").then().statusCode(200).extract().path("accessToken");
    }

    private static String waId() {
        return "55819" + String.format("%08d", Math.abs(UUID.randomUUID().getLeastSignificantBits() % 100_000_000L));
    }

    private static String message(String waId, String wamid, String text) {
        SENT.add(waId);
        SENT.add(text);
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages","value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"558132220000","phone_number_id":"%s"},
                "contacts":[{"profile":{"name":"Paulo Teste"},"wa_id":"%s"}],
                "messages":[{"from":"%s","id":"%s","timestamp":"%d","type":"text","text":{"body":"%s"}}]}}]}]}"""
                .formatted(secrets.get("DEMO_PHONE_NUMBER_ID"), waId, waId, wamid, System.currentTimeMillis() / 1000, text);
    }

    private static int deliver(String body, String secret) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return given().baseUri(GATEWAY).contentType("application/json")
                .header("X-Hub-Signature-256", new HmacSignature(secret).sign(bytes)).body(bytes)
                .when().post("/webhooks/whatsapp").then().extract().statusCode();
    }

    private static String conversationOf(String waId) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> given().baseUri(GATEWAY).auth().oauth2(admin)
                .when().get("/api/conversations?status=all&q=" + waId).then().extract().path("items[0].id"), id -> id != null);
    }

    private static List<Map<String, Object>> botReplies(String conversation) {
        return given().baseUri(GATEWAY).auth().oauth2(admin).when().get("/api/conversations/" + conversation + "/messages?size=100")
                .then().statusCode(200).extract().jsonPath().getList("items.findAll { it.origin == 'bot' }");
    }

    @Test
    @Order(1)
    void the_demo_plays_a_conversation_the_admin_watches_arrive_in_the_console_then_takes_over_and_answers() throws Exception {
        try (Playwright playwright = Playwright.create()) {
            Page page = Browsers.chromium(playwright)
                    .newContext(new Browser.NewContextOptions().setLocale("pt-BR")).newPage();
            page.navigate("http://localhost:8080/");
            page.getByLabel("E-mail").fill("admin@ft9.com.br");
            page.getByLabel("Senha").fill("ft9demo");
            page.getByRole(AriaRole.BUTTON,
                    new Page.GetByRoleOptions().setName("Entrar")).click();
            page.getByRole(AriaRole.TAB,
                    new Page.GetByRoleOptions().setName(Pattern.compile("Todas"))).click();
            Locator marina = page.locator("[data-conversation]")
                    .filter(new Locator.FilterOptions().setHasText("Marina Costa"));

            // The demo plays while the console is open; the page is never reloaded.
            CompletableFuture<Map.Entry<Integer, String>> demo = CompletableFuture.supplyAsync(() -> {
                try {
                    return script("demo.sh", 240);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            PlaywrightAssertions.assertThat(marina)
                    .isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(60_000));
            assertThat(demo.isDone()).as("the conversation showed up while the demo was still playing").isFalse();
            Map.Entry<Integer, String> played = demo.get(240, TimeUnit.SECONDS);
            assertThat(played.getKey()).as(played.getValue()).isZero();
            assertThat(played.getValue()).contains("every expected effect was seen").contains("Fonte:").contains("mode HUMAN");

            page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions()
                    .setName(Pattern.compile("Precisa de atendimento"))).click();
            marina.click();
            page.getByRole(AriaRole.BUTTON,
                    new Page.GetByRoleOptions().setName("Assumir")).click();
            page.getByLabel("Sua resposta").fill("Olá, Marina! Aqui é a recepção. Traga seu filho hoje às 14h, por favor.");
            page.keyboard().press("Enter");
            PlaywrightAssertions.assertThat(page.locator("li.message.outbound")
                    .filter(new Locator.FilterOptions().setHasText("Traga seu filho hoje às 14h"))).isVisible();

            // The week's report counts the demo's conversation: opened, handed to the team, and the admin's reply.
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Relatórios")).click();
            PlaywrightAssertions.assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Relatórios")))
                    .isVisible();
            int opened = Integer.parseInt(page.locator("[data-total='opened'] dd").innerText().replaceAll("\\D", ""));
            int handedOff = Integer.parseInt(page.locator("[data-total='handedOff'] dd").innerText().replaceAll("\\D", ""));
            assertThat(opened).as("conversations opened this week").isGreaterThanOrEqualTo(1);
            assertThat(handedOff).as("handed to the team this week").isGreaterThanOrEqualTo(1);
            PlaywrightAssertions.assertThat(page.locator("tr[data-agent]").first()).containsText("Carla (recepção)");
            PlaywrightAssertions.assertThat(page.locator("table[data-chart='conversations'] tbody tr")).hasCount(7);
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of(System.getProperty("ft9.logs", "target/service-logs"))
                    .resolveSibling("screenshots").resolve("console-reports.png")).setFullPage(true));
        }
        assertThat(given().baseUri(GATEWAY).auth().oauth2(admin).when().get("/api/conversations/outbox").then().statusCode(200)
                .extract().<List<Map<String, Object>>>path("items")).as("the answer left through the local outbox")
                .anyMatch(m -> String.valueOf(m.get("text")).contains("Traga seu filho hoje às 14h") && "agent".equals(m.get("origin")));
    }

    @Test
    @Order(2)
    void a_forged_webhook_changes_nothing() {
        String waId = waId();
        assertThat(deliver(message(waId, "wamid.forged" + UUID.randomUUID(), "Aceitam Unimed?"), "not-the-app-secret")).isEqualTo(401);
        assertThat(given().baseUri(GATEWAY).auth().oauth2(admin).when().get("/api/contacts?q=" + waId).then().statusCode(200)
                .extract().jsonPath().getList("items")).isEmpty();
    }

    @Test
    @Order(3)
    void a_message_meta_delivers_twice_is_answered_once() {
        String waId = waId();
        String body = message(waId, "wamid.twice" + UUID.randomUUID(), "Vocês aceitam o convênio Unimed?");
        String secret = secrets.get("WHATSAPP_APP_SECRET");
        assertThat(deliver(body, secret)).isEqualTo(200);
        assertThat(deliver(body, secret)).isEqualTo(200);
        String conversation = conversationOf(waId);
        await().atMost(Duration.ofSeconds(30)).until(() -> botReplies(conversation).size() == 1);
        // Both deliveries are behind the answer: the second was counted on the message, and nothing more came of it.
        String messageId = given().baseUri(GATEWAY).auth().oauth2(admin).when().get("/api/conversations/" + conversation + "/messages")
                .then().extract().path("items.find { it.direction == 'IN' }.id");
        given().baseUri(GATEWAY).auth().oauth2(admin).when().get("/api/conversations/" + conversation + "/messages/" + messageId + "/journey")
                .then().statusCode(200).body("duplicateDeliveries", equalTo(1));
        assertThat(botReplies(conversation)).hasSize(1);
    }

    @Test
    @Order(4)
    void a_conversation_a_person_has_gets_no_bot_reply() {
        String waId = waId();
        String secret = secrets.get("WHATSAPP_APP_SECRET");
        assertThat(deliver(message(waId, "wamid.h1" + UUID.randomUUID(), "Qual o endereço da clínica?"), secret)).isEqualTo(200);
        String conversation = conversationOf(waId);
        await().atMost(Duration.ofSeconds(30)).until(() -> botReplies(conversation).size() == 1);
        given().baseUri(GATEWAY).auth().oauth2(admin).contentType(ContentType.JSON).when()
                .post("/api/conversations/" + conversation + "/take-over").then().statusCode(200).body("mode", equalTo("HUMAN"));

        assertThat(deliver(message(waId, "wamid.h2" + UUID.randomUUID(), "Quanto custa o clareamento dental?"), secret)).isEqualTo(200);
        String second = await().atMost(Duration.ofSeconds(20)).until(() -> given().baseUri(GATEWAY).auth().oauth2(admin)
                .when().get("/api/conversations/" + conversation + "/messages").then().extract()
                .path("items.find { it.direction == 'IN' && it.text.contains('clareamento') }.id"), id -> id != null);

        // The person gives the conversation back; the contact's next message (same key, so after the one before it on
        // the same partition) is answered, so memory-service has read the one in human mode and kept quiet.
        given().baseUri(GATEWAY).auth().oauth2(admin).contentType(ContentType.JSON).when()
                .post("/api/conversations/" + conversation + "/release").then().statusCode(200).body("mode", equalTo("BOT"));
        assertThat(deliver(message(waId, "wamid.h3" + UUID.randomUUID(), "Vocês têm estacionamento?"), secret)).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> botReplies(conversation).size() == 2);
        // No reply left for the message that came to the person: an automation's (the after-hours reply, after 18h in
        // Recife) is held back as suppressed, even though the conversation was given back before it was ready.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().baseUri(GATEWAY).auth().oauth2(admin).when()
                .get("/api/conversations/" + conversation + "/messages/" + second + "/journey")
                .then().statusCode(200).body("replies.findAll { it.status != 'suppressed' }.size()", equalTo(0))
                .body("steps.findAll { it.kind == 'answered' }.size()", equalTo(0)));
    }

    @Test
    @Order(5)
    void a_user_of_another_organisation_sees_none_of_it() throws Exception {
        String clinicConversation = given().baseUri(GATEWAY).auth().oauth2(admin).when().get("/api/conversations?status=all")
                .then().statusCode(200).extract().path("items[0].id");
        assertThat(clinicConversation).as("the demo clinic has conversations").isNotNull();
        UUID otherOrg = UUID.randomUUID();
        String email = "outra-" + otherOrg.toString().substring(0, 8) + "@escola.example";
        try (var connection = Database.connect(DATABASE, "auth");
                PreparedStatement insert = connection.prepareStatement("insert into user_account (id, org_id, email, password_hash,"
                        + " role, status, created_at, updated_at) values (?, ?, ?, ?, 'ORG_ADMIN', 'ACTIVE', now(), now())")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setObject(2, otherOrg);
            insert.setString(3, email);
            insert.setString(4, BcryptUtil.bcryptHash("outra-senha-forte", 10));
            insert.executeUpdate();
        }
        String other = signIn(email, "outra-senha-forte");

        assertThat(given().baseUri(GATEWAY).auth().oauth2(other).when().get("/api/conversations?status=all").then().statusCode(200)
                .extract().jsonPath().getList("items")).isEmpty();
        given().baseUri(GATEWAY).auth().oauth2(other).when().get("/api/conversations/" + clinicConversation).then().statusCode(404);
        given().baseUri(GATEWAY).auth().oauth2(other).when().get("/api/conversations/" + clinicConversation + "/messages").then()
                .statusCode(404);
        assertThat(given().baseUri(GATEWAY).auth().oauth2(other).when().get("/api/contacts").then().statusCode(200)
                .extract().jsonPath().getList("items")).isEmpty();
        assertThat(given().baseUri(MEMORY).auth().oauth2(other).contentType(ContentType.JSON).body(Map.of("query", "Unimed convênio"))
                .when().post("/api/knowledge/search").then().statusCode(200).extract().jsonPath().getList("items")).isEmpty();
        assertThat(given().baseUri(MEMORY).auth().oauth2(other).when().get("/api/knowledge/items").then().statusCode(200)
                .extract().jsonPath().getInt("total")).isZero();
    }

    @Test
    @Order(6)
    void a_second_up_says_the_suite_is_up_and_starts_nothing() throws Exception {
        Map.Entry<Integer, String> again = script("up.sh", 60);
        assertThat(again.getKey()).isZero();
        assertThat(again.getValue()).contains("already up");
    }

    @Test
    @Order(7)
    void no_service_log_holds_a_contacts_number_name_or_words() throws Exception {
        SENT.add("Paulo Teste");
        List<String> leaks = new java.util.ArrayList<>();
        int read = 0;
        for (String service : List.of("console", "auth-service", "tenant-service", "billing-service", "memory-service", "flow-service",
                "whatsapp-gateway")) {
            Path log = run.resolve("logs").resolve(service + ".log");
            assertThat(log).as(service + "'s log").exists();
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            read += lines.size();
            for (String line : lines) {
                SENT.stream().filter(line::contains).forEach(personal -> leaks.add(service + ": " + line));
            }
        }
        assertThat(read).as("lines the services logged").isGreaterThan(50);
        assertThat(leaks).as("log lines holding a contact's number, name or message").isEmpty();
    }

    @Test
    @Order(8)
    void a_backup_restored_after_the_database_is_lost_lets_a_conversation_go_on_where_it_was() throws Exception {
        String waId = waId();
        String secret = secrets.get("WHATSAPP_APP_SECRET");
        assertThat(deliver(message(waId, "wamid.b1" + UUID.randomUUID(), "Qual o endereço da clínica?"), secret)).isEqualTo(200);
        String conversation = conversationOf(waId);
        await().atMost(Duration.ofSeconds(30)).until(() -> botReplies(conversation).size() == 1);

        Path backup = run.resolve("backups").resolve("suite.dump");
        Map.Entry<Integer, String> made = script("backup.sh", 120, backup.toString());
        assertThat(made.getKey()).as(made.getValue()).isZero();
        assertThat(backup).isNotEmptyFile();

        assertThat(script("down.sh", 120).getKey()).isZero();
        Process drop = new ProcessBuilder(List.of("bash", "-c", ". \"$0\" && pg_admin -d postgres -c 'drop database " + DATABASE
                + " with (force)' </dev/null", ROOT.resolve("deploy/local/lib.sh").toString())).inheritIO().start();
        assertThat(drop.waitFor(60, TimeUnit.SECONDS) && drop.exitValue() == 0).as("the database is lost").isTrue();

        Map.Entry<Integer, String> refused = script("restore.sh", 60, backup.toString());
        assertThat(refused.getKey()).as("without a terminal, restore asks for --yes").isNotZero();
        assertThat(refused.getValue()).contains("--yes");
        Map.Entry<Integer, String> restored = script("restore.sh", 300, backup.toString(), "--yes");
        assertThat(restored.getKey()).as(restored.getValue()).isZero();
        Map.Entry<Integer, String> up = script("up.sh", 300);
        assertThat(up.getKey()).as(up.getValue()).isZero();
        assertThat(up.getValue()).contains("the suite is up");

        // The same conversation, with what it held, takes the contact's next message and answers it.
        admin = signIn("admin@ft9.com.br", "ft9demo");
        assertThat(deliver(message(waId, "wamid.b2" + UUID.randomUUID(), "Vocês têm estacionamento?"), secret)).isEqualTo(200);
        assertThat(conversationOf(waId)).isEqualTo(conversation);
        await().atMost(Duration.ofSeconds(60)).until(() -> botReplies(conversation).size() == 2);
        assertThat(given().baseUri(GATEWAY).auth().oauth2(admin).when().get("/api/conversations/" + conversation + "/messages")
                .then().statusCode(200).extract().jsonPath().getList("items.findAll { it.direction == 'IN' }.text", String.class))
                .contains("Qual o endereço da clínica?", "Vocês têm estacionamento?");
    }
}
