package br.ft9.system;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;

import br.ft9.common.testing.RealInfrastructure;
import br.ft9.common.testing.TestTokens;

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

    private static final String APP_SECRET = "it-console-app-secret-" + UUID.randomUUID();
    private static final String STRIPE_SECRET = "whsec_it_console_" + UUID.randomUUID().toString().replace("-", "");
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
    /** The "Falar com atendente" automation made from its template, which a phone opens later. */
    private static String handOffAutomation;
    private static String emailA;
    private static String emailB;
    private static UUID orgA;
    private static String waId;
    private static String colleague;
    private static GreenMail mail;

    @BeforeAll
    static void startTheConsoleAndItsServices() throws Exception {
        assertThat(RealInfrastructure.missing(System.getenv())).as("servers the services need").isEmpty();
        int smtpPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            smtpPort = socket.getLocalPort();
        }
        mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        SERVICES.put("auth-service", ServiceProcess.launch("auth-service", Map.of("FT9_JWT_PRIVATE_KEY", TestTokens.privateKeyBase64(),
                "FT9_JWT_KEY_ID", "test-key", "FT9_BCRYPT_COST", "10", "SMTP_MOCK", "false", "SMTP_HOST", "127.0.0.1",
                "SMTP_PORT", String.valueOf(smtpPort), "SMTP_START_TLS", "DISABLED")));
        SERVICES.put("tenant-service", ServiceProcess.launch("tenant-service", Map.of()));
        SERVICES.put("billing-service", ServiceProcess.launch("billing-service", Map.of("STRIPE_WEBHOOK_SECRET", STRIPE_SECRET,
                "STRIPE_PRICE_STARTER", "price_it_starter", "STRIPE_PRICE_PROFESSIONAL", "price_it_professional",
                "STRIPE_PRICE_ENTERPRISE", "price_it_enterprise")));
        SERVICES.put("memory-service", ServiceProcess.launch("memory-service", Map.of(
                "MP_MESSAGING_INCOMING_INBOUND_MESSAGES_GROUP_ID", "it-console-memory-" + UUID.randomUUID(),
                "MP_MESSAGING_INCOMING_INBOUND_MESSAGES_AUTO_OFFSET_RESET", "latest")));
        SERVICES.put("flow-service", ServiceProcess.launch("flow-service", Map.of(
                "MP_MESSAGING_INCOMING_INBOUND_GROUP_ID", "it-console-flow-" + UUID.randomUUID(),
                "MP_MESSAGING_INCOMING_INBOUND_AUTO_OFFSET_RESET", "latest")));
        // The gateway gathers a contact's export from memory-service and flow-service.
        SERVICES.put("whatsapp-gateway", ServiceProcess.launch("whatsapp-gateway", Map.of("WHATSAPP_APP_SECRET", APP_SECRET,
                "WHATSAPP_OUTBOUND_DELIVERY", "local", "MEMORY_URL", uri("memory-service", ""), "FLOW_URL", uri("flow-service", ""))));
        SERVICES.put("console", ServiceProcess.launch("console", Map.of(
                "AUTH_SERVICE_URL", uri("auth-service", ""), "TENANT_SERVICE_URL", uri("tenant-service", ""),
                "MEMORY_SERVICE_URL", uri("memory-service", ""), "WHATSAPP_GATEWAY_URL", uri("whatsapp-gateway", ""),
                "FLOW_SERVICE_URL", uri("flow-service", ""), "BILLING_SERVICE_URL", uri("billing-service", ""))));
        ServiceProcess.awaitReady(SERVICES.values());

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

        axe = Clinics.axe();
        playwright = Playwright.create();
        browser = Browsers.chromium(playwright);
        receptionist = browser.newContext(new Browser.NewContextOptions().setLocale("pt-BR").setViewportSize(1280, 800)
                .setTimezoneId("America/Sao_Paulo"));
        receptionist.addInitScript(axe); // as the browser's own script: the page's CSP does not apply to it
        otherClinic = browser.newContext(new Browser.NewContextOptions().setLocale("pt-BR"));
        page = receptionist.newPage();
        // What goes wrong inside the page shows in the test's output.
        page.onConsoleMessage(message -> {
            if ("error".equals(message.type()) || "warning".equals(message.type())) {
                System.out.println("[browser " + message.type() + "] " + message.text());
            }
        });
        page.onPageError(error -> System.out.println("[browser page error] " + error));
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
        ServiceProcess.closeAll(SERVICES.values());
        if (mail != null) {
            mail.stop();
        }
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
        waId = Clinics.patient();
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
        // The assistant knows nothing yet: it hands the patient to the team.
        await().atMost(Duration.ofSeconds(30)).until(() -> "HUMAN".equals(Database.value("gateway", "select c.mode from conversation c"
                + " join contact k on k.id = c.contact_id where k.org_id = ?::uuid and k.wa_id = ?", orgA.toString(), waId)));
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
        String otherWaId = Clinics.patient();
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

        String patient = Clinics.patient();
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
        colleague = "coordenacao-" + UUID.randomUUID() + "@clinica.example";
        page.getByLabel("E-mail").fill(colleague);
        page.getByLabel("Nome (como os colegas verão)").fill("Rita Coordenação");
        page.getByLabel("Papel", new Page.GetByLabelOptions().setExact(true)).selectOption("ORG_MANAGER");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Enviar convite")).click();
        assertThat(page.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions().setHasText(colleague))).isVisible();
        Locator row = page.locator("tr[data-user='" + colleague + "']");
        assertThat(row).containsText("Rita Coordenação");
        assertThat(row).containsText("Convidada");
        // She did not find the mail: it goes again, and only the new link works.
        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Reenviar convite")).click();
        assertThat(page.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions().setHasText("Convite reenviado"))).isVisible();
        noSeriousAccessibilityViolation(page, "team");
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("console-team.png")));
    }

    @Test
    @Order(13)
    void the_invited_colleague_opens_the_mailed_link_chooses_her_password_and_signs_in_with_the_role_she_was_given()
            throws Exception {
        // The invitation was sent twice: the latest mail's link is the one that works.
        String text = await().atMost(Duration.ofSeconds(30)).until(() -> java.util.Arrays.stream(mail.getReceivedMessages())
                .filter(m -> addressedTo(m, colleague)).map(ConsoleInBrowserIT::text).toList(), found -> found.size() == 2).get(1);
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("https?://[^/\\s]+(/invitations/accept\\?token=[\\w-]+)").matcher(text);
        assertThat(link.find()).as("the mail holds the invitation's link: " + text.length() + " characters").isTrue();

        BrowserContext hers = browser.newContext(new Browser.NewContextOptions().setLocale("pt-BR"));
        hers.addInitScript(axe);
        Page rita = hers.newPage();
        rita.navigate(console(link.group(1))); // the mailed link, on this test's console
        assertThat(rita.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Seu convite para a FT9"))).isVisible();
        // Her name is left as her admin wrote it in the invitation.
        rita.getByLabel("Nova senha").fill("coordenacao-bem-segura");
        rita.getByLabel("Repita a senha").fill("coordenacao-bem-segura");
        rita.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Criar minha senha")).click();
        assertThat(rita.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Entrar"))).isVisible();
        rita.getByLabel("E-mail").fill(colleague);
        rita.getByLabel("Senha").fill("coordenacao-bem-segura");
        rita.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Entrar")).click();
        assertThat(rita.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Equipe"))).isVisible();
        rita.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Rita Coordenação")).click();
        assertThat(rita.getByText("Papel: Coordenação")).isVisible();
        hers.close();

        page.reload();
        assertThat(page.locator("tr[data-user='" + colleague + "']")).containsText("Ativa");
    }

    @Test
    @Order(14)
    void an_automation_made_from_a_template_is_corrected_where_the_engine_points_turned_on_and_its_run_shows_each_step()
            throws Exception {
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Automações")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Automações"))).isVisible();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Nova automação")).click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Usar este modelo: Falar com atendente")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Falar com atendente"))).isVisible();
        Locator keywords = page.getByLabel("Palavras (separadas por vírgula)");
        assertThat(keywords).hasValue("atendente, humano, pessoa");
        assertThat(page.getByLabel("Motivo (para a equipe)")).hasValue("o contato pediu para falar com uma pessoa"); // her language
        // It hands off whatever happens: the page tells the admin the assistant will not answer those messages too.
        assertThat(page.locator("[data-assistant-note]")).containsText("o assistente deixa para ela as mensagens que ela reconhece");

        // Emptied, the engine refuses the definition and its problem sits on the field it names.
        keywords.fill("");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Salvar")).click();
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("1 problema");
        assertThat(keywords).hasAttribute("aria-invalid", "true");
        assertThat(page.locator("#f-trigger-keywords-problem")).containsText("a keyword trigger needs a list of keywords");
        keywords.fill("atendente, recepção");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Salvar")).click();
        assertThat(page.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions().setHasText("Salvo como versão 2"))).isVisible();
        assertThat(page.locator(".versions summary")).hasText("Versões (2)");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Ligar").setExact(true)).click();
        assertThat(page.locator(".title")).containsText("Ligada");
        noSeriousAccessibilityViolation(page, "automation editor");

        String patient = Clinics.patient();
        assertThat(metaWebhook(phoneA, patient, "Paulo Lima", "pode me passar pra recepção?")).isEqualTo(200);
        Locator run = page.locator("[data-run][data-status='SUCCEEDED']");
        assertThat(run).hasCount(1, new com.microsoft.playwright.assertions.LocatorAssertions.HasCountOptions().setTimeout(30_000));
        run.getByRole(AriaRole.BUTTON).click();
        Locator step = run.locator("tr[data-step-status]");
        assertThat(step).hasCount(1);
        assertThat(step).containsText("Passar para a equipe");
        assertThat(step).containsText("Concluída");
        run.getByText("Dados que iniciaram a execução").click();
        assertThat(run.locator("pre")).containsText("pode me passar pra recepção?");
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("console-automation.png")).setFullPage(true));

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Todas as automações")).click();
        assertThat(page.getByRole(AriaRole.SWITCH, new Page.GetByRoleOptions().setName("Ligar ou desligar Falar com atendente")))
                .hasAttribute("aria-checked", "true");
        // The list says which automation answers in the assistant's place, so its silence on those messages is no surprise.
        Locator handOff = page.locator("[data-automation]").filter(new Locator.FilterOptions().setHasText("Falar com atendente"));
        assertThat(handOff.locator("[data-answers-alone]")).hasText("Responde no lugar do assistente");
        handOffAutomation = handOff.getAttribute("data-automation");
        assertThat(page.locator("[data-run]")).hasCount(1);
        assertThat(page.getByText(Pattern.compile("^1 execução este mês, de"))).isVisible(); // one run, in the singular
        page.getByLabel("Situação").selectOption("FAILED");
        assertThat(page.locator("[data-run]")).hasCount(0);
        noSeriousAccessibilityViolation(page, "automations");
    }

    /**
     * The elements whose right edge passes the phone's screen ({@code width}), those inside a box that scrolls or clips
     * sideways aside, for a failure's message (a phone's layout viewport widens to what overflows, so innerWidth will not do).
     */
    private static String overflowing(Page page, int width) {
        return String.valueOf(page.evaluate("w => [...document.querySelectorAll('body *')]"
                + ".filter(e => e.getBoundingClientRect().right > w + 1).filter(e => { for (let a = e.parentElement; a;"
                + " a = a.parentElement) { if (getComputedStyle(a).overflowX !== 'visible') return false; } return true; })"
                + ".slice(0, 10)"
                + ".map(e => e.tagName.toLowerCase() + (typeof e.className === 'string' && e.className ? '.' + e.className.trim()"
                + ".split(/\\s+/).join('.') : '') + ' ' + Math.round(e.getBoundingClientRect().right)).join(', ')", width));
    }

    @Test
    @Order(15)
    void a_question_the_assistant_handed_off_shows_under_gaps_with_the_teams_reply_and_once_added_as_faq_the_next_one_is_answered()
            throws Exception {
        String question = "Vocês fazem clareamento a laser?";
        String reply = "Fazemos sim! O clareamento a laser leva uma hora e custa R$ 900.";
        String first = Clinics.patient();
        assertThat(metaWebhook(phoneA, first, "Rosa Dias", question)).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> Database.value("memory",
                "select count(*)::text from knowledge_gap where org_id = ?::uuid and question = ?", orgA.toString(), question).equals("1"));
        // The receptionist answers the patient herself (the inbox's reply, as its API takes it).
        String conversation = Database.value("gateway", "select c.id::text from conversation c join contact k on k.id = c.contact_id"
                + " where k.org_id = ?::uuid and k.wa_id = ?", orgA.toString(), first);
        call("whatsapp-gateway", "POST", "/api/conversations/" + conversation + "/messages", TestTokens.member(orgA, "ORG_AGENT"),
                Clinics.JSON.writeValueAsString(Map.of("text", reply)), 202);
        await().atMost(Duration.ofSeconds(30)).until(() -> reply.equals(Database.value("memory",
                "select coalesce(answer, '') from knowledge_gap where org_id = ?::uuid and question = ?", orgA.toString(), question)));

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Conhecimento")).click();
        Locator gap = page.locator("[data-gap]").filter(new Locator.FilterOptions().setHasText(question));
        assertThat(gap).containsText("perguntada 1x");
        assertThat(gap).containsText("A equipe respondeu: " + reply);
        noSeriousAccessibilityViolation(page, "knowledge with gaps");
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("console-gaps.png")));
        gap.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Adicionar como pergunta frequente: " + question)).click();
        assertThat(page.getByLabel("Pergunta (como o paciente perguntaria)")).hasValue(question);
        Locator answer = page.getByLabel("Resposta");
        assertThat(answer).hasValue(reply);
        assertThat(answer).isFocused();
        answer.fill(reply + " Agende pelo WhatsApp.");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Salvar")).click();
        assertThat(page.locator("[data-item]").filter(new Locator.FilterOptions().setHasText(question))).isVisible();
        assertThat(gap).hasCount(0);

        String next = Clinics.patient();
        assertThat(metaWebhook(phoneA, next, "Caio Reis", question)).isEqualTo(200);
        JsonNode answered = await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (JsonNode item : api("whatsapp-gateway", "/api/conversations/outbox", TestTokens.member(orgA, "ORG_AGENT")).path("items")) {
                if ("bot".equals(item.path("origin").asText()) && item.path("text").asText().contains("Agende pelo WhatsApp")) {
                    return item;
                }
            }
            return null;
        }, found -> found != null);
        assertThat(answered.path("text").asText()).contains("Fonte: " + question);

        // Another patient asks it her own way and is handed off; the admin adds her words to that FAQ, and the next
        // patient who writes them is answered.
        String wording = "quanto tempo leva pra branquear os dentes com luz?";
        assertThat(metaWebhook(phoneA, Clinics.patient(), "Lia Prado", wording)).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> Database.value("memory",
                "select count(*)::text from knowledge_gap where org_id = ?::uuid and question = ?", orgA.toString(), wording).equals("1"));
        page.reload();
        Locator asked = page.locator("[data-gap]").filter(new Locator.FilterOptions().setHasText(wording));
        asked.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Adicionar a uma pergunta existente: " + wording)).click();
        page.getByLabel("Qual pergunta frequente responde isto?").selectOption(new com.microsoft.playwright.options.SelectOption()
                .setLabel(question));
        noSeriousAccessibilityViolation(page, "a gap added to an FAQ");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Adicionar como forma de perguntar")).click();
        assertThat(asked).hasCount(0);
        assertThat(metaWebhook(phoneA, Clinics.patient(), "Davi Nunes", wording)).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            int answers = 0;
            for (JsonNode item : api("whatsapp-gateway", "/api/conversations/outbox", TestTokens.member(orgA, "ORG_AGENT")).path("items")) {
                answers += "bot".equals(item.path("origin").asText()) && item.path("text").asText().contains("Agende pelo WhatsApp") ? 1 : 0;
            }
            return answers;
        }, answers -> answers == 2);

        // Her patients say "luz" for the laser: she keeps it among the clinic's synonyms.
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sinônimos")).click();
        Locator synonyms = page.getByLabel("Grupos de sinônimos");
        assertThat(synonyms).hasValue(java.util.regex.Pattern.compile("preço, valor"));
        synonyms.fill(synonyms.inputValue() + "\nluz, laser");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Salvar")).first().click();
        assertThat(page.getByText("Sinônimos salvos. O assistente já usa.")).isVisible();
        assertThat(synonyms).hasValue(java.util.regex.Pattern.compile("luz, laser$"));
        noSeriousAccessibilityViolation(page, "synonyms");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sinônimos")).click();
    }

    @Test
    @Order(16)
    void a_signed_stripe_subscription_change_shows_the_new_plan_and_its_limits_on_the_plan_screen() throws Exception {
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Plano").setExact(true)).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Plano e cobrança"))).isVisible();
        assertThat(page.locator("#current-title")).hasText("Plano atual: Essencial");
        assertThat(page.locator("[data-plan='STARTER']")).hasAttribute("aria-current", "true");
        assertThat(page.locator("[data-metric='seats']")).containsText("de 3");
        noSeriousAccessibilityViolation(page, "plan");

        long now = java.time.Instant.now().getEpochSecond();
        String event = """
                {"id": "evt_it_%s", "object": "event", "api_version": "2026-07-29.dahlia", "created": %d, "livemode": false,
                 "pending_webhooks": 1, "request": {"id": "req_it_1", "idempotency_key": null},
                 "type": "customer.subscription.updated",
                 "data": {"object": {"id": "sub_it_%s", "object": "subscription", "customer": "cus_it_%s", "status": "active",
                   "cancel_at_period_end": false, "currency": "brl", "metadata": {"org_id": "%s"},
                   "items": {"object": "list", "data": [{"id": "si_it_1", "object": "subscription_item", "quantity": 1,
                     "current_period_start": %d, "current_period_end": %d,
                     "price": {"id": "price_it_professional", "object": "price", "currency": "brl", "unit_amount": 49900,
                               "recurring": {"interval": "month", "interval_count": 1}}}],
                   "has_more": false, "total_count": 1}},
                  "previous_attributes": {"items": {"data": [{"price": {"id": "price_it_starter"}}]}}}}"""
                .formatted(UUID.randomUUID(), now, UUID.randomUUID(), UUID.randomUUID(), orgA, now, now + 30L * 86_400);
        java.net.http.HttpResponse<String> delivered = Clinics.HTTP.send(java.net.http.HttpRequest.newBuilder(
                SERVICES.get("console").uri("/webhooks/stripe")).header("Content-Type", "application/json")
                .header("Stripe-Signature", Signatures.stripe(STRIPE_SECRET, now, event))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(event)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        org.assertj.core.api.Assertions.assertThat(delivered.statusCode()).as(delivered.body()).isEqualTo(200);

        // The screen reads the plan again by itself: Stripe's changes arrive while it is open.
        assertThat(page.locator("#current-title")).hasText("Plano atual: Profissional",
                new com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions().setTimeout(30_000));
        assertThat(page.locator("[data-plan='PROFESSIONAL']")).hasAttribute("aria-current", "true");
        assertThat(page.locator("[data-subscription-status]")).containsText("Assinatura ativa");
        assertThat(page.locator("[data-metric='seats']")).containsText("de 10");
        assertThat(page.locator("[data-metric='messages']")).containsText("de 10.000");
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("console-plan.png")).setFullPage(true));
    }

    @Test
    @Order(17)
    void the_admin_opens_saturday_mornings_closes_christmas_sets_the_hand_off_message_and_sees_her_number_receiving() throws Exception {
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Configurações")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Configurações da organização").setLevel(1)))
                .isVisible();
        Locator saturday = page.locator("tr[data-day='saturday']");
        assertThat(saturday).containsText("Fechado");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Adicionar horário na Sábado")).click();
        page.getByLabel("Abre (Sábado, horário 1)").fill("12:00");
        page.getByLabel("Fecha (Sábado, horário 1)").fill("08:00");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Salvar configurações")).click();
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("businessHours.saturday[0]");

        page.getByLabel("Abre (Sábado, horário 1)").fill("08:00");
        page.getByLabel("Fecha (Sábado, horário 1)").fill("12:00");
        page.getByLabel("Mensagem ao passar para a equipe").fill("Já chamo alguém da recepção para você!");
        page.getByLabel("Data do feriado").fill("2026-12-25");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Adicionar feriado")).click();
        assertThat(page.locator("[data-holiday='2026-12-25']")).isVisible();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Salvar configurações")).click();
        assertThat(page.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions().setHasText("Configurações salvas"))).isVisible();
        JsonNode saved = api("tenant-service", "/api/organizations/me", TestTokens.member(orgA, "ORG_ADMIN"));
        org.assertj.core.api.Assertions.assertThat(saved.path("businessHours").path("saturday").toString())
                .isEqualTo("[{\"open\":\"08:00\",\"close\":\"12:00\"}]");
        org.assertj.core.api.Assertions.assertThat(saved.path("handoffMessage").asText()).isEqualTo("Já chamo alguém da recepção para você!");
        org.assertj.core.api.Assertions.assertThat(saved.path("holidays").toString()).isEqualTo("[\"2026-12-25\"]");

        Locator number = page.locator("[data-number='" + phoneA + "']");
        assertThat(number).containsText("+55 11 3222-0000");
        assertThat(number).containsText("última mensagem recebida");
        assertThat(number).not().containsText("última mensagem recebida: nunca");
        noSeriousAccessibilityViolation(page, "settings");
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("console-settings.png")).setFullPage(true));
    }

    @Test
    @Order(18)
    void a_canned_reply_kept_in_settings_answers_with_the_patients_name_a_private_note_stays_inside_and_a_label_sorts_the_list()
            throws Exception {
        page.getByLabel("Atalho").fill("/horario");
        page.getByLabel("Texto", new Page.GetByLabelOptions().setExact(true)).fill("Olá, {{contact.name}}! Atendemos de segunda a sexta, das 8h às 18h.");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Adicionar resposta pronta")).click();
        assertThat(page.locator("[data-reply='/horario']")).isVisible();

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Conversas")).click();
        page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName(Pattern.compile("Todas"))).click();
        page.locator("[data-conversation]").filter(new Locator.FilterOptions().setHasText("<b>Ana</b>")).click();
        Locator box = page.getByLabel("Sua resposta");
        box.fill("/hor");
        // The receptionist sees the suggestion before taking it: the team's replies load with the conversation.
        assertThat(page.locator("#canned")).containsText("/horario");
        box.press("Tab");
        assertThat(box).hasValue("Olá, " + PATIENT + "! Atendemos de segunda a sexta, das 8h às 18h.");
        box.press("Enter");
        assertThat(page.locator("li.message.outbound").filter(new Locator.FilterOptions().setHasText("Atendemos de segunda a sexta")))
                .isVisible();

        page.getByRole(AriaRole.RADIO, new Page.GetByRoleOptions().setName("Nota interna")).click();
        page.getByLabel("Sua nota interna").fill("Paciente prefere atendimento à tarde.");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Salvar nota")).click();
        Locator note = page.locator("li.message.note");
        assertThat(note).containsText("Paciente prefere atendimento à tarde.");
        assertThat(note).containsText("Nota interna de");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Contato").setExact(true)).click();
        page.getByLabel("Nova etiqueta").fill("Ortodontia");
        page.getByLabel("Nova etiqueta").press("Enter");
        assertThat(page.locator("[data-label='ortodontia']")).isVisible();
        noSeriousAccessibilityViolation(page, "inbox with a note and a label");
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("console-note-and-label.png")));
        page.getByLabel("Filtrar por etiqueta").selectOption("ortodontia");
        assertThat(page.locator("[data-conversation]")).hasCount(1);

        // The note never left: the local outbox holds the canned reply and not the note.
        JsonNode outbox = api("whatsapp-gateway", "/api/conversations/outbox?size=50", TestTokens.member(orgA, "ORG_AGENT"));
        org.assertj.core.api.Assertions.assertThat(outbox.path("items").toString()).contains("Atendemos de segunda a sexta")
                .doesNotContain("prefere atendimento");
        page.getByLabel("Filtrar por etiqueta").selectOption("");
    }

    @Test
    @Order(19)
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

    @Test
    @Order(20)
    void ft9s_staff_find_the_school_suspend_it_reactivate_it_and_give_it_a_plan_without_charges() throws Exception {
        String staff = "suporte-" + UUID.randomUUID() + "@ft9.example";
        Database.update("auth", "insert into user_account (id, org_id, email, display_name, password_hash, role, status, created_at,"
                + " updated_at) values (?::uuid, null, ?, 'Suporte FT9', ?, 'SUPER_ADMIN', 'ACTIVE', now(), now())",
                UUID.randomUUID().toString(), staff, io.quarkus.elytron.security.common.BcryptUtil.bcryptHash(PASSWORD, 10));
        BrowserContext theirs = browser.newContext(new Browser.NewContextOptions().setLocale("pt-BR"));
        theirs.addInitScript(axe);
        Page support = theirs.newPage();
        support.onDialog(dialog -> dialog.accept());
        support.navigate(console("/"));
        support.getByLabel("E-mail").fill(staff);
        support.getByLabel("Senha").fill(PASSWORD);
        support.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Entrar")).click();
        assertThat(support.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Organizações (equipe FT9)"))).isVisible();
        support.getByLabel("Buscar por nome ou endereço").fill("Escola Girassol");
        Locator school = support.locator("tr[data-organisation]").filter(new Locator.FilterOptions().setHasText("Escola Girassol"));
        assertThat(school).hasCount(1);
        school.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Suspender")).click();
        assertThat(school).containsText("Suspensa");
        await().atMost(Duration.ofSeconds(20)).until(() -> otherLogin() == 403); // nobody of the suspended school signs in
        school.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Reativar")).click();
        assertThat(school).containsText("Ativa");
        school.getByLabel("Plano de Escola Girassol").selectOption("PROFESSIONAL");
        assertThat(support.getByRole(AriaRole.STATUS)).containsText("sem cobrança");
        noSeriousAccessibilityViolation(support, "staff");
        support.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("console-staff.png")));
        theirs.close();
    }

    @Test
    @Order(21)
    void on_a_phone_every_screen_of_the_admin_fits_the_width_of_the_screen() {
        BrowserContext phone = browser.newContext(new Browser.NewContextOptions().setLocale("pt-BR").setViewportSize(375, 740)
                .setIsMobile(true).setHasTouch(true));
        Page admin = phone.newPage();
        admin.navigate(console("/signin"));
        admin.getByLabel("E-mail").fill(emailA);
        admin.getByLabel("Senha").fill("uma senha nova e longa"); // the one she chose on her account page
        admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Entrar")).click();
        // Signed in (the refresh cookie set) before each screen is opened by its address.
        assertThat(admin.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName(Pattern.compile("Precisa de atendimento"))))
                .isVisible();
        Map<String, String> screens = new LinkedHashMap<>();
        screens.put("/knowledge", "O que o assistente sabe");
        screens.put("/automations", "Automações");
        screens.put("/automations/" + handOffAutomation, "Falar com atendente");
        screens.put("/reports", "Relatórios");
        screens.put("/team", "Equipe");
        screens.put("/plan", "Plano e cobrança");
        screens.put("/settings", "Configurações da organização");
        screens.put("/settings/audit", "Registro de auditoria");
        screens.forEach((path, heading) -> {
            admin.navigate(console(path));
            assertThat(admin.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(heading)).first()).isVisible();
            Object width = admin.evaluate("() => document.documentElement.scrollWidth");
            org.assertj.core.api.Assertions.assertThat(((Number) width).intValue())
                    .as(() -> path + " overflows sideways: " + overflowing(admin, 375)).isLessThanOrEqualTo(375);
        });
        // The list on a phone: which automation answers in the assistant's place still reads beside its name.
        admin.navigate(console("/automations"));
        assertThat(admin.locator("[data-answers-alone]").first()).isVisible();
        admin.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("console-phone-automations.png")).setFullPage(true));
        // The automation's page, as a receptionist sees it on her phone: what the assistant does with its messages too.
        admin.navigate(console("/automations/" + handOffAutomation));
        assertThat(admin.locator("[data-assistant-note]")).containsText("o assistente deixa para ela as mensagens");
        // The hand-off's reason wraps within its field, read whole, rather than running past its edge.
        Locator reason = admin.getByLabel("Motivo (para a equipe)");
        assertThat(reason).hasValue("o contato pediu para falar com uma pessoa");
        org.assertj.core.api.Assertions.assertThat(reason.evaluate(
                "field => field.scrollWidth <= field.clientWidth && field.scrollHeight <= field.clientHeight")).isEqualTo(true);
        admin.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("console-phone-automation.png")).setFullPage(true));
        admin.navigate(console("/reports"));
        assertThat(admin.locator("[data-total='opened'] dd")).isVisible(); // the figures, not a page still loading
        admin.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("console-reports-phone.png")).setFullPage(true));
        phone.close();
    }

    @Test
    @Order(22)
    void a_patient_asks_for_her_data_and_then_to_be_forgotten_the_admin_downloads_it_and_erases_it_in_every_service()
            throws Exception {
        String patient = Clinics.patient();
        assertThat(metaWebhook(phoneA, patient, "Helena Prado", "Quero uma cópia dos meus dados e depois que apaguem tudo")).isEqualTo(200);
        page.navigate(console("/"));
        page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName(Pattern.compile("Todas"))).click();
        page.locator("[data-conversation]").filter(new Locator.FilterOptions().setHasText("Helena Prado")).click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Contato").setExact(true)).click();
        Locator privacy = page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Privacidade (LGPD)"));
        assertThat(privacy).isVisible();

        com.microsoft.playwright.Download download = page.waitForDownload(() -> privacy.getByRole(AriaRole.BUTTON,
                new Locator.GetByRoleOptions().setName("Baixar os dados")).click());
        JsonNode data = Clinics.JSON.readTree(Files.readString(download.path()));
        org.assertj.core.api.Assertions.assertThat(data.path("contact").path("waId").asText()).isEqualTo(patient);
        org.assertj.core.api.Assertions.assertThat(data.path("messages").toString()).contains("Quero uma cópia dos meus dados");
        org.assertj.core.api.Assertions.assertThat(data.has("assistant") && data.has("automations")).as("every service's part").isTrue();
        com.microsoft.playwright.Download archive = page.waitForDownload(() -> privacy.getByRole(AriaRole.BUTTON,
                new Locator.GetByRoleOptions().setName("Baixar com as mídias (.zip)")).click());
        try (java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(Files.newInputStream(archive.path()))) {
            org.assertj.core.api.Assertions.assertThat(zip.getNextEntry().getName()).as("a text-only contact: the document alone")
                    .isEqualTo("contact.json");
            org.assertj.core.api.Assertions.assertThat(new String(zip.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                    .contains("Quero uma cópia dos meus dados").contains("\"mediaFiles\"");
        }

        privacy.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Excluir os dados")).click();
        Locator confirm = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Excluir os dados deste contato?"));
        assertThat(confirm).isVisible();
        noSeriousAccessibilityViolation(page, "erasure");
        confirm.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Excluir definitivamente")).click();
        assertThat(page.locator("#erasure-status")).hasText("Excluídos em todos os serviços.",
                new com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions().setTimeout(30_000));
        assertThat(page.getByText("Dados excluídos a pedido do contato")).isVisible();
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("console-erasure.png")));
        org.assertj.core.api.Assertions.assertThat(Database.value("gateway", "select count(*)::text from contact where org_id = ?::uuid"
                + " and wa_id = ?", orgA.toString(), patient)).isEqualTo("0");
        org.assertj.core.api.Assertions.assertThat(Database.value("memory", "select count(*)::text from knowledge_gap where org_id = ?::uuid"
                + " and question like 'Quero uma cópia%'", orgA.toString())).isEqualTo("0");
    }

    @Test
    @Order(23)
    void the_admin_reads_in_the_audit_trail_who_did_each_of_these_things_in_every_service_and_that_nothing_was_altered() {
        page.navigate(console("/settings"));
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Registro de auditoria: quem alterou o quê")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Registro de auditoria").setLevel(1))).isVisible();
        Locator entries = page.getByRole(AriaRole.LIST, new Page.GetByRoleOptions().setName("Registro de auditoria"));
        // newest first: the erasure the admin just asked for, after the export she downloaded (the gateway's entries)
        assertThat(entries.locator("article").first()).containsText("Dados do contato excluídos");
        assertThat(entries.locator("article").nth(1)).containsText("Dados do contato exportados");
        assertThat(page.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions().setHasText("Íntegro"))).isVisible();

        page.getByLabel("O quê").selectOption("user.");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Mostrar")).click();
        assertThat(entries).containsText("Pessoa convidada"); // auth-service's
        assertThat(entries).not().containsText("Configurações alteradas");

        page.getByLabel("O quê").selectOption("organization.");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Mostrar")).click();
        Locator settingsChange = entries.locator("article").filter(new Locator.FilterOptions().setHasText("Configurações alteradas"))
                .filter(new Locator.FilterOptions().setHasText("Administração")).first();
        settingsChange.getByText(Pattern.compile("O que mudou")).click();
        assertThat(settingsChange).containsText("Já chamo alguém da recepção para você!"); // tenant-service's, with before and after

        for (String[] family : new String[][] { { "knowledge.", "Conhecimento adicionado" }, { "automation.", "Automação criada" },
                { "conversation.", "Conversa assumida" } }) {
            page.getByLabel("O quê").selectOption(family[0]);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Mostrar")).click();
            assertThat(entries).containsText(family[1]); // memory-service's, flow-service's, the gateway's
        }
        noSeriousAccessibilityViolation(page, "audit trail");
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("console-audit.png")).setFullPage(true));
    }

    @Test
    @Order(24)
    void signing_out_while_a_request_of_her_sign_in_is_still_on_its_way_leaves_her_sign_in_on_her_phone_working()
            throws Exception {
        // The other clinic's secretary is signed in on her phone (an API client) and on a laptop's console.
        String phone = Clinics.JSON.readTree(Clinics.HTTP.send(java.net.http.HttpRequest.newBuilder(
                SERVICES.get("console").uri("/api/auth/login")).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(Clinics.JSON.writeValueAsString(
                        Map.of("email", emailB, "password", PASSWORD)))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body()).path("accessToken").asText();
        BrowserContext laptop = browser.newContext(new Browser.NewContextOptions().setLocale("pt-BR"));
        try {
            Page tab = laptop.newPage();
            tab.navigate(console("/signin"));
            tab.getByLabel("E-mail").fill(emailB);
            tab.getByLabel("Senha").fill(PASSWORD);
            tab.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Entrar")).click();
            assertThat(tab.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName(Pattern.compile("Todas")))).isVisible();

            // The list she asks for is slow to leave, and she signs out meanwhile: the list reaches the service after the
            // sign-out did, and its 401 reaches the page before the sign-out's answer (which clears the refresh cookie).
            List<com.microsoft.playwright.Route> lists = new java.util.concurrent.CopyOnWriteArrayList<>();
            tab.route(url -> url.contains("/api/conversations?"), lists::add);
            java.util.concurrent.atomic.AtomicReference<com.microsoft.playwright.Route> signOut =
                    new java.util.concurrent.atomic.AtomicReference<>();
            java.util.concurrent.atomic.AtomicReference<com.microsoft.playwright.APIResponse> signedOut =
                    new java.util.concurrent.atomic.AtomicReference<>();
            tab.route(url -> url.endsWith("/api/auth/logout"), route -> {
                signedOut.set(route.fetch());
                signOut.set(route);
            });
            List<String> refreshes = new java.util.concurrent.CopyOnWriteArrayList<>();
            tab.onRequest(request -> {
                if (request.url().endsWith("/api/auth/refresh")) {
                    refreshes.add(request.url());
                }
            });
            tab.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName(Pattern.compile("Minhas"))).click();
            tab.waitForCondition(() -> !lists.isEmpty());
            tab.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sair")).click();
            tab.waitForCondition(() -> signOut.get() != null);
            com.microsoft.playwright.Response late = tab.waitForResponse(
                    response -> response.url().contains("/api/conversations?") && response.status() == 401,
                    () -> lists.forEach(com.microsoft.playwright.Route::resume));
            assertThat(late.status()).isEqualTo(401);
            signOut.get().fulfill(new com.microsoft.playwright.Route.FulfillOptions().setResponse(signedOut.get()));
            assertThat(tab).hasURL(Pattern.compile("/signin"));

            // The page did not try the ended sign-in's refresh cookie once more, and the phone's sign-in goes on (a used
            // refresh token presented again ends every sign-in of the user; the newest one of a sign-in that ended is
            // only refused).
            assertThat(refreshes).as("refresh attempts after signing out").isEmpty();
            assertThat(api("auth-service", "/api/auth/me", phone).path("email").asText()).isEqualTo(emailB);
        } finally {
            laptop.close();
        }
    }

    /** The other clinic's secretary signing in through the API: the status code. */
    private static int otherLogin() throws Exception {
        return Clinics.HTTP.send(java.net.http.HttpRequest.newBuilder(SERVICES.get("console").uri("/api/auth/login"))
                .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        Clinics.JSON.writeValueAsString(Map.of("email", emailB, "password", PASSWORD)))).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    // ------------------------------------------------------------------------------------------------------- helpers

    private static void noSeriousAccessibilityViolation(Page on, String screen) {
        Clinics.accessible(on, screen);
    }

    private static boolean addressedTo(jakarta.mail.Message message, String address) {
        try {
            return java.util.Arrays.stream(message.getAllRecipients()).anyMatch(a -> a.toString().contains(address));
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(jakarta.mail.Message message) {
        try {
            return message.getContent().toString();
        } catch (IOException | jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String console(String path) {
        return uri("console", path);
    }

    private static String uri(String service, String path) {
        return SERVICES.get(service).uri(path).toString();
    }

    private static UUID openClinic(String name) throws Exception {
        return Clinics.open(SERVICES.get("tenant-service").uri(""), name);
    }

    private static void account(UUID orgId, String email, String name) throws Exception {
        Clinics.member(orgId, email, name, "ORG_AGENT", PASSWORD);
    }

    private static String connect(UUID orgId) throws Exception {
        return Clinics.connect(SERVICES.get("tenant-service").uri(""), orgId);
    }

    private static int metaWebhook(String phoneNumberId, String from, String name, String text) throws Exception {
        return Clinics.writes(SERVICES.get("console").uri(""), APP_SECRET, phoneNumberId, from, name, text);
    }

    private static JsonNode api(String service, String path, String token) {
        return Clinics.get(SERVICES.get(service).uri(""), path, token);
    }

    private static JsonNode call(String service, String method, String path, String token, String body, int expected) throws Exception {
        return Clinics.call(SERVICES.get(service).uri(""), method, path, token, body, expected);
    }
}
