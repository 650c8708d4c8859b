package br.ft9.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

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
 * The whole product as a newcomer meets it, in a fresh clone of the repository in a temporary folder with a Maven
 * local repository that holds no FT9 artifact (the third-party ones are copied from the build's, so nothing is
 * downloaded twice). The README's {@code up.sh} must build it, start the six services as separate processes (the jars
 * it packaged) on real PostgreSQL, Redis and Kafka and seed the demo clinic; {@code demo.sh} plays a patient's
 * conversation and must see every expected effect while the demo's admin watches it arrive in the console (Debian's
 * Chromium), takes it over and answers it. Then, through the public entry points only: a forged webhook changes
 * nothing, a message Meta delivers twice is answered once, a conversation a person has gets no bot reply, and a user of
 * another organisation sees none of it; a second {@code up.sh} says the suite is up; no service's log holds a contact's
 * number, name or words; a backup made while it runs, restored after the database is lost, lets a conversation go on.
 * {@code down.sh} leaves no process behind; a {@code local.env} from another setup against the same database stops
 * {@code up.sh} with the command that resets the local state, and after that reset {@code up.sh} starts a new,
 * consistent local state. One suite for all of it: each start of the six services costs about a minute on 2 cores.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FreshCloneIT {

    private static final Path ROOT = Path.of(System.getProperty("ft9.root", "..")).toAbsolutePath().normalize();
    private static final String DATABASE = "ft9_fresh_clone_it";
    private static final String AUTH = "http://127.0.0.1:8081";
    private static final String MEMORY = "http://127.0.0.1:8084";
    private static final String GATEWAY = "http://127.0.0.1:8086";
    private static final String DEMO_CLINICS = "select count(*) from tenant.organization where name = 'Clínica Sorriso Recife'";
    /** After the first build: the jars the clone's up.sh packaged. */
    private static final Map<String, String> BUILT = Map.of("FT9_SKIP_BUILD", "1");
    /** Every contact's number and words this test sent: none may reach a service's log. */
    private static final Set<String> SENT = ConcurrentHashMap.newKeySet();
    private static Path work;
    private static Path clone;
    private static Path mavenRepository;
    private static Map<String, String> secrets;
    private static String admin;

    private static Map.Entry<Integer, String> run(Path directory, long seconds, Map<String, String> env, String... command)
            throws Exception {
        ProcessBuilder builder = new ProcessBuilder(List.of(command)).directory(directory.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().put("PG_DB", DATABASE);
        builder.environment().put("MAVEN_OPTS", "-Dmaven.repo.local=" + mavenRepository);
        builder.environment().remove("FT9_RUN");
        builder.environment().remove("FT9_SKIP_BUILD");
        builder.environment().putAll(env);
        Process process = builder.start();
        java.util.concurrent.CompletableFuture<byte[]> output = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return process.getInputStream().readAllBytes();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        boolean finished = process.waitFor(seconds, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        String text = new String(output.get(30, TimeUnit.SECONDS), StandardCharsets.UTF_8);
        System.out.println("$ " + String.join(" ", command) + "\n" + text);
        assertThat(finished).as(String.join(" ", command) + " finished within " + seconds + " s").isTrue();
        return Map.entry(process.exitValue(), text);
    }

    private static Map.Entry<Integer, String> script(String name, long seconds, Map<String, String> env, String... args)
            throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", "deploy/local/" + name));
        command.addAll(List.of(args));
        return run(clone, seconds, env, command.toArray(String[]::new));
    }

    /** One value from PostgreSQL as its administrator (the scripts' own pg_admin). */
    private static String sql(String database, String query) throws Exception {
        Map.Entry<Integer, String> result = run(ROOT, 60, Map.of(), "bash", "-c", ". \"$0\" && pg_admin -d " + database
                + " -Atc \"$1\" </dev/null", ROOT.resolve("deploy/local/lib.sh").toString(), query);
        assertThat(result.getKey()).as(result.getValue()).isZero();
        return result.getValue().strip();
    }

    private static long demoClinics() throws Exception {
        return Long.parseLong(sql(DATABASE, DEMO_CLINICS));
    }

    private static boolean databaseExists() throws Exception {
        return "1".equals(sql("postgres", "select count(*) from pg_database where datname = '" + DATABASE + "'"));
    }

    private static boolean portOpen(int port) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Map<String, String> localEnv() throws IOException {
        Map<String, String> values = new HashMap<>();
        for (String line : Files.readAllLines(clone.resolve("deploy/local/local.env"))) {
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && eq > 0) {
                values.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return values;
    }

    /** Processes started from the clone (its jars, its scripts): none may be left after down.sh. */
    private static List<String> processesOfTheClone() {
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine().map(c -> c.contains(clone.toString())).orElse(false))
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("")).toList();
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

    @BeforeAll
    static void cloneTheRepositoryAndAMavenRepositoryWithoutFt9() throws Exception {
        work = Files.createTempDirectory("ft9-fresh-clone");
        clone = work.resolve("ft9");
        mavenRepository = work.resolve("m2");
        Path here = work;
        assertThat(run(here, 120, Map.of(), "git", "clone", "--quiet", "--no-hardlinks", ROOT.toString(), clone.toString()).getKey())
                .isZero();
        // What the working tree changes against its last commit comes along, so the test runs the code it sits beside.
        String changed = run(ROOT, 60, Map.of(), "git", "ls-files", "-m", "-o", "--exclude-standard").getValue();
        for (String file : changed.lines().filter(l -> !l.isBlank() && !l.startsWith("$ ")).toList()) {
            Path source = ROOT.resolve(file);
            if (Files.isRegularFile(source)) {
                Files.createDirectories(clone.resolve(file).getParent());
                Files.copy(source, clone.resolve(file), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.deleteIfExists(clone.resolve(file));
            }
        }
        Path local = Path.of(System.getProperty("ft9.maven.repository", System.getProperty("user.home") + "/.m2/repository"));
        assertThat(run(here, 300, Map.of(), "cp", "-a", local.toString(), mavenRepository.toString()).getKey()).isZero();
        assertThat(run(here, 60, Map.of(), "rm", "-rf", mavenRepository.resolve("br/ft9").toString()).getKey()).isZero();
        assertThat(mavenRepository.resolve("br/ft9")).doesNotExist();
        assertThat(clone.resolve("deploy/local/local.env")).doesNotExist();
        assertThat(run(here, 60, Map.of(), "bash", "-c", ". \"$0\" && pg_admin -d postgres -c 'drop database if exists " + DATABASE
                + " with (force)' </dev/null", clone.resolve("deploy/local/lib.sh").toString()).getKey()).isZero();
    }

    @AfterAll
    static void stopAndRemoveTheClone() throws Exception {
        if (clone != null && Files.isDirectory(clone)) {
            script("down.sh", 120, Map.of());
        }
        if (work != null) {
            run(Path.of("/"), 120, Map.of(), "rm", "-rf", work.toString());
        }
        // The clone's local.env set the services' database roles' passwords (roles are the server's, not a database's):
        // the checkout's own local.env sets them back for the tests that follow.
        run(ROOT, 60, Map.of(), "bash", "-c", ". \"$0\" && ensure_local_env && ensure_database ft9_test >/dev/null",
                ROOT.resolve("deploy/local/lib.sh").toString());
    }

    @Test
    @Order(1)
    void up_sh_on_a_fresh_clone_builds_the_suite_starts_every_service_and_seeds_the_demo() throws Exception {
        Map.Entry<Integer, String> up = script("up.sh", 1200, Map.of());

        assertThat(up.getKey()).as(up.getValue()).isZero();
        assertThat(up.getValue()).contains("building the services").contains("demo clinic ready").contains("the suite is up");
        for (String service : List.of("console", "auth-service", "tenant-service", "billing-service", "memory-service", "flow-service",
                "whatsapp-gateway")) {
            assertThat(up.getValue()).contains("ready  " + service);
            assertThat(clone.resolve(service + "/target/quarkus-app/quarkus-run.jar")).exists();
        }
        assertThat(up.getValue().lines().filter(l -> l.startsWith("[ft9] ready")).findFirst().orElse(""))
                .as("the console's address comes first").contains("console  http://localhost:8080");
        secrets = localEnv();
        admin = signIn("admin@ft9.com.br", "ft9demo");
        assertThat(signIn("root@ft9.com.br", secrets.get("FT9_SUPERADMIN_PASSWORD"))).isNotBlank();
        assertThat(demoClinics()).isEqualTo(1);
        given().baseUri("http://127.0.0.1:8080").queryParam("token", "x").when().get("/invitations/accept").then().statusCode(200);
    }

    @Test
    @Order(2)
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
                    return script("demo.sh", 240, BUILT);
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
    @Order(3)
    void a_forged_webhook_changes_nothing() {
        String waId = waId();
        assertThat(deliver(message(waId, "wamid.forged" + UUID.randomUUID(), "Aceitam Unimed?"), "not-the-app-secret")).isEqualTo(401);
        assertThat(given().baseUri(GATEWAY).auth().oauth2(admin).when().get("/api/contacts?q=" + waId).then().statusCode(200)
                .extract().jsonPath().getList("items")).isEmpty();
    }

    @Test
    @Order(4)
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
    @Order(5)
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
    @Order(6)
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
    @Order(7)
    void a_second_up_says_the_suite_is_up_and_starts_nothing() throws Exception {
        Map.Entry<Integer, String> again = script("up.sh", 60, BUILT);
        assertThat(again.getKey()).isZero();
        assertThat(again.getValue()).contains("already up");
    }

    @Test
    @Order(8)
    void no_service_log_holds_a_contacts_number_name_or_words() throws Exception {
        SENT.add("Paulo Teste");
        List<String> leaks = new ArrayList<>();
        int read = 0;
        for (String service : List.of("console", "auth-service", "tenant-service", "billing-service", "memory-service", "flow-service",
                "whatsapp-gateway")) {
            Path log = clone.resolve("deploy/local/.run/logs").resolve(service + ".log");
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
    @Order(9)
    void a_backup_restored_after_the_database_is_lost_lets_a_conversation_go_on_where_it_was() throws Exception {
        String waId = waId();
        String secret = secrets.get("WHATSAPP_APP_SECRET");
        assertThat(deliver(message(waId, "wamid.b1" + UUID.randomUUID(), "Qual o endereço da clínica?"), secret)).isEqualTo(200);
        String conversation = conversationOf(waId);
        await().atMost(Duration.ofSeconds(30)).until(() -> botReplies(conversation).size() == 1);

        Path backup = work.resolve("suite.dump");
        Map.Entry<Integer, String> made = script("backup.sh", 120, BUILT, backup.toString());
        assertThat(made.getKey()).as(made.getValue()).isZero();
        assertThat(backup).isNotEmptyFile();

        assertThat(script("down.sh", 120, Map.of()).getKey()).isZero();
        sql("postgres", "drop database " + DATABASE + " with (force)");
        assertThat(databaseExists()).as("the database is lost").isFalse();

        Map.Entry<Integer, String> refused = script("restore.sh", 60, Map.of(), backup.toString());
        assertThat(refused.getKey()).as("without a terminal, restore asks for --yes").isNotZero();
        assertThat(refused.getValue()).contains("--yes");
        Map.Entry<Integer, String> restored = script("restore.sh", 300, Map.of(), backup.toString(), "--yes");
        assertThat(restored.getKey()).as(restored.getValue()).isZero();
        Map.Entry<Integer, String> up = script("up.sh", 300, BUILT);
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
    @Test
    @Order(10)
    void down_sh_leaves_no_process_of_the_suite_behind() throws Exception {
        Map.Entry<Integer, String> down = script("down.sh", 120, Map.of());

        assertThat(down.getKey()).as(down.getValue()).isZero();
        assertThat(processesOfTheClone()).isEmpty();
        for (int port = 8080; port <= 8086; port++) {
            int closed = port;
            assertThat(portOpen(closed)).as("port " + closed).isFalse();
        }
    }

    @Test
    @Order(11)
    void up_sh_with_a_local_env_of_another_setup_stops_and_names_the_reset_command_instead_of_opening_a_second_demo_clinic()
            throws Exception {
        Files.move(clone.resolve("deploy/local/local.env"), work.resolve("local.env.first"));

        Map.Entry<Integer, String> up = script("up.sh", 300, BUILT);

        assertThat(up.getKey()).isEqualTo(1);
        List<String> errors = up.getValue().lines().filter(l -> l.startsWith("[ft9] ERROR")).toList();
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0)).contains("come from different setups").contains("demo organisation")
                .endsWith("Reset the local state (drops database " + DATABASE + " and local.env) with: deploy/local/down.sh --reset");
        assertThat(processesOfTheClone()).isEmpty();
        assertThat(demoClinics()).isEqualTo(1);
    }

    @Test
    @Order(12)
    void down_sh_reset_asks_first_then_drops_the_local_state_and_up_sh_starts_a_consistent_new_one() throws Exception {
        Map.Entry<Integer, String> unconfirmed = script("down.sh", 120, Map.of(), "--reset");
        assertThat(unconfirmed.getKey()).isEqualTo(1);
        assertThat(unconfirmed.getValue()).contains("add --yes");
        assertThat(databaseExists()).as("nothing is dropped without a yes").isTrue();

        Map.Entry<Integer, String> reset = script("down.sh", 120, Map.of(), "--reset", "--yes");
        assertThat(reset.getKey()).as(reset.getValue()).isZero();
        assertThat(databaseExists()).isFalse();
        assertThat(clone.resolve("deploy/local/local.env")).doesNotExist();

        Map.Entry<Integer, String> up = script("up.sh", 300, BUILT);
        assertThat(up.getKey()).as(up.getValue()).isZero();
        assertThat(signIn("root@ft9.com.br", localEnv().get("FT9_SUPERADMIN_PASSWORD"))).isNotBlank();
        assertThat(demoClinics()).isEqualTo(1);
        assertThat(script("down.sh", 120, Map.of()).getKey()).isZero();
        assertThat(processesOfTheClone()).isEmpty();
    }
}
