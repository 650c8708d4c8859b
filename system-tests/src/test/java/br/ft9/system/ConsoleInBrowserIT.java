package br.ft9.system;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;

import br.ft9.common.security.HmacSignature;
import br.ft9.common.testing.RealInfrastructure;
import br.ft9.common.testing.TestTokens;
import io.quarkus.elytron.security.common.BcryptUtil;

/**
 * A receptionist's day in the console, in Debian's Chromium: she signs in (in Portuguese), a patient writes on
 * WhatsApp and appears in her open inbox without a reload, the assistant hands the conversation to the team and it
 * lands in "Precisa de atendimento" with the count in the tab's title, she takes it over and answers, sees what
 * happened to the patient's message, and a colleague of another clinic, signed in at the same time, sees none of
 * it; the page rides out a gateway restart; it works on a phone and with no serious accessibility violation. The
 * console and the four services it needs run as the packaged processes, on the real servers.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleInBrowserIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String APP_SECRET = "it-console-app-secret-" + UUID.randomUUID();
    private static final String PASSWORD = "recepcao-bem-segura";
    private static final Path SHOTS = Path.of(System.getProperty("ft9.logs", "target/service-logs")).resolveSibling("screenshots");
    /** A WhatsApp name that holds markup: it must be shown as text. */
    private static final String PATIENT = "<b>Ana</b> <img src=x onerror=alert(1)>";

    private static final Map<String, ServiceProcess> SERVICES = new LinkedHashMap<>();
    private static final java.util.concurrent.atomic.AtomicInteger DIALOGS = new java.util.concurrent.atomic.AtomicInteger();
    private static Playwright playwright;
    private static Browser browser;
    private static BrowserContext receptionist;
    private static BrowserContext otherClinic;
    private static Page page;
    private static Page otherPage;
    private static String axe;
    private static String phoneA;
    private static String phoneB;
    private static String emailA;
    private static String emailB;
    private static UUID orgA;
    private static String waId;

    @BeforeAll
    static void startTheConsoleAndItsServices() throws Exception {
        assertThat(RealInfrastructure.missing(System.getenv())).as("servers the services need").isEmpty();
        SERVICES.put("auth-service", ServiceProcess.start("auth-service", Map.of("FT9_JWT_PRIVATE_KEY", TestTokens.privateKeyBase64(),
                "FT9_JWT_KEY_ID", "test-key", "FT9_BCRYPT_COST", "10")));
        SERVICES.put("tenant-service", ServiceProcess.start("tenant-service", Map.of()));
        SERVICES.put("memory-service", ServiceProcess.start("memory-service", Map.of(
                "MP_MESSAGING_INCOMING_INBOUND_MESSAGES_GROUP_ID", "it-console-memory-" + UUID.randomUUID(),
                "MP_MESSAGING_INCOMING_INBOUND_MESSAGES_AUTO_OFFSET_RESET", "latest")));
        SERVICES.put("whatsapp-gateway", ServiceProcess.start("whatsapp-gateway", Map.of("WHATSAPP_APP_SECRET", APP_SECRET,
                "WHATSAPP_OUTBOUND_DELIVERY", "local")));
        SERVICES.put("console", ServiceProcess.start("console", Map.of(
                "AUTH_SERVICE_URL", uri("auth-service", ""), "TENANT_SERVICE_URL", uri("tenant-service", ""),
                "MEMORY_SERVICE_URL", uri("memory-service", ""), "WHATSAPP_GATEWAY_URL", uri("whatsapp-gateway", ""),
                // Not started for this story: their paths answer 502 through the console.
                "BILLING_SERVICE_URL", "http://127.0.0.1:9", "FLOW_SERVICE_URL", "http://127.0.0.1:9")));

        orgA = openClinic("Clínica Sorriso");
        UUID orgB = openClinic("Escola Girassol");
        emailA = "recepcao-" + UUID.randomUUID() + "@clinica.example";
        emailB = "secretaria-" + UUID.randomUUID() + "@escola.example";
        account(orgA, emailA, "Júlia Recepção");
        account(orgB, emailB, "Marcos Secretaria");
        phoneA = connect(orgA);
        phoneB = connect(orgB);
        await().atMost(Duration.ofSeconds(30)).until(() -> Database.value("gateway",
                "select count(*)::text from channel where phone_number_id in (?, ?)", phoneA, phoneB).equals("2"));

        axe = Files.readString(Path.of(System.getProperty("ft9.root", ".."), "console/src/main/webui/node_modules/axe-core/axe.min.js"));
        playwright = Playwright.create();
        browser = Browsers.chromium(playwright);
        receptionist = browser.newContext(new Browser.NewContextOptions().setLocale("pt-BR").setViewportSize(1280, 800)
                .setTimezoneId("America/Sao_Paulo"));
        receptionist.addInitScript(axe); // as the browser's own script: the page's CSP does not apply to it
        otherClinic = browser.newContext(new Browser.NewContextOptions().setLocale("pt-BR"));
        page = receptionist.newPage();
        page.onDialog(dialog -> {
            DIALOGS.incrementAndGet();
            dialog.dismiss();
        });
        otherPage = otherClinic.newPage();
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    static void stopEverything() {
        if (playwright != null) {
            playwright.close();
        }
        List<ServiceProcess> all = new ArrayList<>(SERVICES.values());
        java.util.Collections.reverse(all);
        all.forEach(ServiceProcess::close);
    }

    // ------------------------------------------------------------------------------------------------------- the story

    @Test
    @Order(1)
    void a_receptionist_signs_in_in_portuguese_and_lands_in_the_inbox() throws Exception {
        page.navigate(console("/"));
        assertThat(page).hasURL(Pattern.compile("/signin"));
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Entrar na FT9"))).isVisible();
        noSeriousAccessibilityViolation(page, "sign-in");
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("console-sign-in.png")));

        page.getByLabel("E-mail").fill(emailA);
        page.getByLabel("Senha").fill("not the password");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Entrar")).click();
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("E-mail ou senha incorretos");

        page.getByLabel("Senha").fill(PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Entrar")).click();
        assertThat(page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName(Pattern.compile("Precisa de atendimento")))).isVisible();
        assertThat(page.getByText("Clínica Sorriso")).isVisible();
        assertThat(page.locator(".live")).hasText("Ao vivo");

        // The other clinic's secretary signs in at the same time.
        otherPage.navigate(console("/signin"));
        otherPage.getByLabel("E-mail").fill(emailB);
        otherPage.getByLabel("Senha").fill(PASSWORD);
        otherPage.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Entrar")).click();
        otherPage.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName(Pattern.compile("Todas"))).click();
        assertThat(otherPage.locator(".live")).hasText("Ao vivo");

        // A reload keeps her signed in (the refresh cookie), and no script can read that cookie.
        page.reload();
        assertThat(page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName(Pattern.compile("Minhas")))).isVisible();
        assertThat((String) page.evaluate("document.cookie")).doesNotContain("ft9_refresh");
    }

    @Test
    @Order(2)
    void a_patients_whatsapp_message_appears_in_the_open_inbox_within_two_seconds_without_a_reload() throws Exception {
        page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName(Pattern.compile("Todas"))).click();
        waId = "55119" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
        long sent = System.nanoTime();
        assertThat(metaWebhook(phoneA, waId, PATIENT, "Oi! Vocês atendem convênio para aparelho ortodôntico?")).isEqualTo(200);

        Locator conversation = page.locator("[data-conversation]").filter(new Locator.FilterOptions().setHasText("<b>Ana</b>"));
        assertThat(conversation).isVisible(new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions().setTimeout(2000));
        assertThat(Duration.ofNanos(System.nanoTime() - sent)).isLessThan(Duration.ofMillis(2500));
        assertThat(conversation.locator("b, img")).hasCount(0); // the WhatsApp name is text, never markup
        assertThat(DIALOGS.get()).as("no script from the name ran").isZero();
    }

    @Test
    @Order(3)
    void the_hand_off_lands_in_needs_attention_with_the_count_in_the_tab_title() {
        Locator waiting = page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName(Pattern.compile("Precisa de atendimento")));
        waiting.click();
        assertThat(page.locator("[data-conversation]").filter(new Locator.FilterOptions().setHasText("<b>Ana</b>")))
                .isVisible(new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions().setTimeout(20_000));
        assertThat(waiting.locator(".count")).hasText("1");
        assertThat(page).hasTitle(Pattern.compile("^\\(1\\) "));
        noSeriousAccessibilityViolation(page, "inbox");
    }

    @Test
    @Order(4)
    void she_takes_it_over_answers_and_the_reply_is_in_the_thread_and_in_the_local_outbox_with_its_status() throws Exception {
        page.locator("[data-conversation]").filter(new Locator.FilterOptions().setHasText("<b>Ana</b>")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("<b>Ana</b> <img src=x onerror=alert(1)>")))
                .isVisible();
        assertThat(page.getByText("Oi! Vocês atendem convênio")).isVisible();
        assertThat(page.getByText(Pattern.compile("Janela de 24 h do WhatsApp: resta 2[34] h"))).isVisible();

        // The assistant handed it off: people have it, nobody yet; she takes it.
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Assumir")).click();
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Devolver ao assistente"))).isVisible();
        String reply = "Olá, Ana! Atendemos sim: Amil, Bradesco e SulAmérica. Quer agendar uma avaliação?";
        page.getByLabel("Sua resposta").fill(reply);
        page.keyboard().press("Enter");
        Locator sentReply = page.locator("li.message.outbound").filter(new Locator.FilterOptions().setHasText("Quer agendar uma avaliação?"));
        assertThat(sentReply).isVisible();
        assertThat(sentReply).containsText("Júlia Recepção");
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("console-inbox.png")));

        JsonNode outbox = await().atMost(Duration.ofSeconds(15)).until(() -> api("whatsapp-gateway", "/api/conversations/outbox",
                TestTokens.member(orgA, "ORG_AGENT")), found -> found.path("items").toString().contains("Quer agendar"));
        JsonNode inOutbox = null;
        for (JsonNode item : outbox.path("items")) {
            if (item.path("text").asText().equals(reply)) {
                inOutbox = item;
            }
        }
        assertThat(inOutbox).isNotNull();
        assertThat(inOutbox.path("origin").asText()).isEqualTo("agent");
        assertThat(inOutbox.path("status").asText()).isNotBlank();
        assertThat(page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName(Pattern.compile("Minhas"))).locator(".count"))
                .hasText("1");
    }

    @Test
    @Order(5)
    void what_happened_to_the_patients_message_shows_its_journey() {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("O que aconteceu com esta mensagem")).first().click();
        Locator drawer = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("O que aconteceu com esta mensagem"));
        assertThat(drawer).isVisible();
        assertThat(drawer).containsText("Recebida");
        assertThat(drawer.locator("[data-kind=handed_off]")).containsText("Passada para a equipe");
        noSeriousAccessibilityViolation(page, "journey");
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("console-journey.png")));
        drawer.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Fechar")).click();
        assertThat(drawer).isHidden();
    }

    @Test
    @Order(6)
    void the_other_clinics_secretary_signed_in_all_along_saw_none_of_it() {
        assertThat(otherPage.locator(".live")).hasText("Ao vivo");
        assertThat(otherPage.locator("[data-conversation]")).hasCount(0);
        assertThat(otherPage.getByText("Ana")).hasCount(0);
        assertThat(otherPage.getByText("Nenhuma conversa aqui.")).isVisible();
    }

    @Test
    @Order(7)
    void the_page_reconnects_after_the_gateway_restarts_and_shows_what_came_meanwhile() throws Exception {
        ServiceProcess gateway = SERVICES.get("whatsapp-gateway");
        gateway.close();
        assertThat(page.locator(".live")).hasText("Reconectando…", new com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions()
                .setTimeout(15_000));
        SERVICES.put("whatsapp-gateway", gateway.restarted());
        // A second patient writes right after the restart, before the page is back: it must show up anyway.
        String otherWaId = "55119" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
        assertThat(metaWebhook(phoneA, otherWaId, "Bruno Lima", "Bom dia, tem horário amanhã?")).isEqualTo(200);
        assertThat(page.locator(".live")).hasText("Ao vivo", new com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions()
                .setTimeout(20_000));
        page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName(Pattern.compile("Todas"))).click();
        assertThat(page.locator("[data-conversation]").filter(new Locator.FilterOptions().setHasText("Bruno Lima"))).isVisible();
    }

    @Test
    @Order(8)
    void on_a_phone_the_list_and_the_thread_take_the_whole_screen_in_turn() {
        BrowserContext phone = browser.newContext(new Browser.NewContextOptions().setLocale("pt-BR").setViewportSize(375, 740)
                .setIsMobile(true).setHasTouch(true));
        phone.addInitScript(axe);
        Page small = phone.newPage();
        small.navigate(console("/signin"));
        small.getByLabel("E-mail").fill(emailA);
        small.getByLabel("Senha").fill(PASSWORD);
        small.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Entrar")).click();
        small.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName(Pattern.compile("Todas"))).click();
        Locator ana = small.locator("[data-conversation]").filter(new Locator.FilterOptions().setHasText("<b>Ana</b>"));
        assertThat(ana).isVisible();
        assertThat(((Number) small.evaluate("document.documentElement.scrollWidth")).intValue()).as("nothing overflows sideways")
                .isLessThanOrEqualTo(375);
        small.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("console-phone-list.png")));
        ana.click();
        assertThat(small.getByLabel("Sua resposta")).isVisible();
        assertThat(small.locator("nav.side")).isHidden();
        assertThat(((Number) small.evaluate("document.documentElement.scrollWidth")).intValue()).isLessThanOrEqualTo(375);
        noSeriousAccessibilityViolation(small, "phone thread");
        small.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("console-phone-thread.png")));
        small.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Voltar para a lista")).click();
        assertThat(ana).isVisible();
        phone.close();
    }

    @Test
    @Order(9)
    void in_english_the_same_inbox_speaks_english_and_the_keyboard_moves_between_conversations() {
        page.getByLabel("Idioma").selectOption("en");
        assertThat(page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName(Pattern.compile("Needs attention")))).isVisible();
        page.navigate(console("/inbox"));
        assertThat(page.getByText("Choose a conversation on the left.")).isVisible();
        page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName(Pattern.compile("^All"))).click();
        assertThat(page.locator("[data-conversation]")).hasCount(2);
        page.keyboard().press("j");
        assertThat(page).hasURL(Pattern.compile("/inbox/[0-9a-f-]{36}$"));
        String first = page.url();
        page.keyboard().press("j");
        assertThat(page).not().hasURL(first);
        page.keyboard().press("?");
        assertThat(page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Keyboard shortcuts"))).isVisible();
        page.keyboard().press("Escape");
        page.getByLabel("Language").selectOption("pt-BR");
    }

    @Test
    @Order(10)
    void on_her_account_page_she_changes_the_name_colleagues_see_and_her_password_and_signs_in_with_it() {
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Júlia Recepção")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Minha conta"))).isVisible();
        page.getByLabel("Seu nome").fill("Júlia Andrade");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Salvar o nome")).click();
        assertThat(page.getByText("Nome salvo.")).isVisible();
        noSeriousAccessibilityViolation(page, "account");

        page.getByLabel("Senha atual").fill("not my password");
        page.getByLabel("Nova senha").fill("uma senha nova e longa");
        page.getByLabel("Repita a senha").fill("uma senha nova e longa");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Trocar a senha")).click();
        assertThat(page.getByRole(AriaRole.ALERT)).hasText("A senha atual não está certa.");
        page.getByLabel("Senha atual").fill(PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Trocar a senha")).click();
        assertThat(page.getByText("Senha trocada.")).isVisible();

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Ir para as conversas")).click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sair")).click();
        assertThat(page).hasURL(Pattern.compile("/signin"));
        page.getByLabel("E-mail").fill(emailA);
        page.getByLabel("Senha").fill("uma senha nova e longa");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Entrar")).click();
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Júlia Andrade"))).isVisible();
    }

    @Test
    @Order(11)
    void an_faq_added_in_the_console_answers_the_assistants_test_and_a_patients_whatsapp_question_with_it_as_the_source()
            throws Exception {
        // Her admin adds it: the receptionist's role reads knowledge but does not change it.
        Database.update("auth", "update user_account set role = 'ORG_ADMIN' where email = ?", emailA);
        page.reload(); // a refresh carries the new role
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Conhecimento")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("O que o assistente sabe"))).isVisible();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Nova pergunta")).click();
        page.getByLabel("Pergunta (como o paciente perguntaria)").fill("Vocês atendem aos sábados?");
        page.getByLabel("Resposta").fill("Sim! Aos sábados atendemos das 8h às 12h, com hora marcada.");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Salvar")).click();
        assertThat(page.locator("[data-item]").filter(new Locator.FilterOptions().setHasText("Vocês atendem aos sábados?"))).isVisible();
        noSeriousAccessibilityViolation(page, "knowledge");

        page.getByLabel("Pergunte como um paciente perguntaria").fill("vocês abrem no sábado?");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Perguntar")).click();
        Locator answer = page.locator(".result");
        assertThat(answer).containsText("Aos sábados atendemos das 8h às 12h");
        assertThat(answer).containsText("Vocês atendem aos sábados?");
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("console-knowledge.png")));

        String patient = "55119" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
        assertThat(metaWebhook(phoneA, patient, "Carla Souza", "Vocês atendem aos sábados?")).isEqualTo(200);
        JsonNode reply = await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (JsonNode item : api("whatsapp-gateway", "/api/conversations/outbox", TestTokens.member(orgA, "ORG_AGENT")).path("items")) {
                if ("bot".equals(item.path("origin").asText()) && item.path("text").asText().contains("Aos sábados atendemos")) {
                    return item;
                }
            }
            return null;
        }, found -> found != null);
        assertThat(reply.path("text").asText()).contains("Fonte: Vocês atendem aos sábados?");
    }

    @Test
    @Order(12)
    void the_admin_invites_a_colleague_with_a_role_and_sees_the_invitation_in_the_team() {
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Equipe")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Equipe"))).isVisible();
        String colleague = "coordenacao-" + UUID.randomUUID() + "@clinica.example";
        page.getByLabel("E-mail").fill(colleague);
        page.getByLabel("Nome (como os colegas verão)").fill("Rita Coordenação");
        page.getByLabel("Papel", new Page.GetByLabelOptions().setExact(true)).selectOption("ORG_MANAGER");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Enviar convite")).click();
        assertThat(page.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions().setHasText(colleague))).isVisible();
        Locator row = page.locator("tr[data-user='" + colleague + "']");
        assertThat(row).containsText("Rita Coordenação");
        assertThat(row).containsText("Convidada");
        noSeriousAccessibilityViolation(page, "team");
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("console-team.png")));
    }

    @Test
    @Order(13)
    void the_pages_mailed_links_and_stripe_lead_to_say_what_they_are_for_and_pass_axe_core() {
        Page visitor = browser.newContext(new Browser.NewContextOptions().setLocale("pt-BR")).newPage();
        visitor.context().addInitScript(axe);
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("/password/forgot", "Esqueci minha senha");
        pages.put("/password/reset?token=abc", "Escolher uma nova senha");
        pages.put("/invitations/accept?token=abc", "Seu convite para a FT9");
        pages.put("/invitations/accept", "Seu convite para a FT9");
        pages.put("/billing/done", "Pagamento recebido");
        pages.put("/billing/canceled", "Pagamento não concluído");
        pages.put("/nada/aqui", "Página não encontrada");
        pages.forEach((path, heading) -> {
            visitor.navigate(console(path));
            assertThat(visitor.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(heading))).isVisible();
            noSeriousAccessibilityViolation(visitor, path);
        });
        visitor.navigate(console("/invitations/accept?token=not-a-real-invitation-token"));
        visitor.getByLabel("Seu nome").fill("Alguém");
        visitor.getByLabel("Nova senha").fill("uma senha qualquer");
        visitor.getByLabel("Repita a senha").fill("uma senha qualquer");
        visitor.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Criar minha senha")).click();
        assertThat(visitor.getByRole(AriaRole.ALERT)).containsText("Este convite não vale mais");
        visitor.navigate(console("/password/forgot"));
        visitor.getByLabel("E-mail").fill("ninguem@clinica.example");
        visitor.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Enviar link")).click();
        assertThat(visitor.getByRole(AriaRole.STATUS)).containsText("Se houver uma conta com esse e-mail");
        visitor.context().close();
    }

    // ------------------------------------------------------------------------------------------------------- helpers

    private static void noSeriousAccessibilityViolation(Page on, String screen) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> violations = (List<Map<String, Object>>) on.evaluate("async () => (await axe.run(document, "
                + "{ resultTypes: ['violations'] })).violations.filter(v => v.impact === 'serious' || v.impact === 'critical')"
                + ".map(v => ({ id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 3) }))");
        assertThat(violations).as("serious or critical axe-core violations on " + screen).isEmpty();
    }

    private static String console(String path) {
        return uri("console", path);
    }

    private static String uri(String service, String path) {
        return SERVICES.get(service).uri(path).toString();
    }

    private static UUID openClinic(String name) throws Exception {
        String body = "{\"name\":\"" + name + "\",\"slug\":\"it-console-" + UUID.randomUUID().toString().substring(0, 8) + "\"}";
        return UUID.fromString(call("tenant-service", "POST", "/api/organizations", TestTokens.superAdmin(), body, 201).path("id").asText());
    }

    private static void account(UUID orgId, String email, String name) throws Exception {
        Database.update("auth", "insert into user_account (id, org_id, email, display_name, password_hash, role, status, created_at,"
                + " updated_at) values (?::uuid, ?::uuid, ?, ?, ?, 'ORG_AGENT', 'ACTIVE', now(), now())", UUID.randomUUID().toString(),
                orgId.toString(), email, name, BcryptUtil.bcryptHash(PASSWORD, 10));
    }

    private static String connect(UUID orgId) throws Exception {
        String phoneNumberId = String.valueOf(100_000_000_000_000L + ThreadLocalRandom.current().nextLong(800_000_000_000_000L));
        call("tenant-service", "POST", "/api/organizations/me/channels", TestTokens.member(orgId, "ORG_ADMIN"), "{\"phoneNumberId\":\""
                + phoneNumberId + "\",\"displayPhoneNumber\":\"+55 11 3222-0000\",\"wabaId\":\"102290129340398\","
                + "\"accessToken\":\"EAAG-console-test-token-0001\"}", 201);
        return phoneNumberId;
    }

    private static int metaWebhook(String phoneNumberId, String from, String name, String text) throws Exception {
        String body = JSON.writeValueAsString(Map.of("object", "whatsapp_business_account", "entry", List.of(Map.of("id",
                "102290129340398", "changes", List.of(Map.of("field", "messages", "value", Map.of("messaging_product", "whatsapp",
                        "metadata", Map.of("display_phone_number", "551132220000", "phone_number_id", phoneNumberId),
                        "contacts", List.of(Map.of("profile", Map.of("name", name), "wa_id", from)),
                        "messages", List.of(Map.of("from", from, "id", "wamid.console" + UUID.randomUUID().toString().replace("-", ""),
                                "timestamp", String.valueOf(OffsetDateTime.now().toEpochSecond()), "type", "text",
                                "text", Map.of("body", text))))))))));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return HTTP.send(HttpRequest.newBuilder(URI.create(console("/webhooks/whatsapp"))).header("Content-Type", "application/json")
                .header("X-Hub-Signature-256", new HmacSignature(APP_SECRET).sign(bytes))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static JsonNode api(String service, String path, String token) {
        try {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(uri(service, path)))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode call(String service, String method, String path, String token, String body, int expected) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(uri(service, path)))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(method + " " + path + ": " + answer.body()).isEqualTo(expected);
        return JSON.readTree(answer.body());
    }
}
