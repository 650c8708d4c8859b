package br.ft9.system;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;

import br.ft9.common.testing.RealInfrastructure;
import br.ft9.common.testing.TestTokens;

/**
 * A patient who wrote more than 24 hours ago can only be reached with a template Meta approved: the receptionist picks
 * one of the clinic's templates (read from the Graph API), fills in its values, sees the message as the patient will,
 * and sends it; Meta (WireMock, with the Cloud API's documented shapes) receives exactly that template.
 */
class TemplateAfterWindowInBrowserIT {

    private static final String APP_SECRET = "it-template-app-secret-" + UUID.randomUUID();
    private static final String PASSWORD = "recepcao-bem-segura";
    private static final Path SHOTS = Path.of(System.getProperty("ft9.logs", "target/service-logs")).resolveSibling("screenshots");
    private static final WireMockServer META = new WireMockServer(wireMockConfig().dynamicPort());
    private static final Map<String, ServiceProcess> SERVICES = new LinkedHashMap<>();
    private static Playwright playwright;

    @BeforeAll
    static void startTheConsoleWithMetaPlayedByWireMock() {
        org.assertj.core.api.Assertions.assertThat(RealInfrastructure.missing(System.getenv())).as("servers the services need").isEmpty();
        META.start();
        META.stubFor(get(urlPathEqualTo("/v23.0/102290129340398/message_templates")).willReturn(okJson("""
                {"data": [
                  {"name": "appointment_reminder", "language": "pt_BR", "status": "APPROVED", "category": "UTILITY", "id": "1",
                   "components": [{"type": "BODY", "text": "Olá {{1}}, sua consulta é {{2}}. Responda SIM para confirmar."}]},
                  {"name": "follow_up", "language": "pt_BR", "status": "APPROVED", "category": "UTILITY", "id": "2",
                   "components": [{"type": "BODY", "text": "Oi {{1}}, como você está depois da visita?"}]}],
                 "paging": {"cursors": {"before": "MAZDZD", "after": "MjQZD"}}}""")));
        META.stubFor(post(urlPathMatching("/v23\\.0/[0-9]+/messages")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"messaging_product": "whatsapp", "contacts": [{"input": "5511900000000", "wa_id": "5511900000000"}],
                         "messages": [{"id": "wamid.HBgNNTUxMTkwMDAwMDAwMBUCABEYEjE4QkQ5", "message_status": "accepted"}]}""")));
        SERVICES.put("auth-service", ServiceProcess.launch("auth-service", Map.of("FT9_JWT_PRIVATE_KEY", TestTokens.privateKeyBase64(),
                "FT9_JWT_KEY_ID", "test-key", "FT9_BCRYPT_COST", "10")));
        SERVICES.put("tenant-service", ServiceProcess.launch("tenant-service", Map.of()));
        SERVICES.put("whatsapp-gateway", ServiceProcess.launch("whatsapp-gateway", Map.of("WHATSAPP_APP_SECRET", APP_SECRET,
                "WHATSAPP_GRAPH_BASE_URL", META.baseUrl(),
                "MP_MESSAGING_INCOMING_OUTBOUND_COMMANDS_GROUP_ID", "it-template-outbound-" + UUID.randomUUID(),
                "MP_MESSAGING_INCOMING_OUTBOUND_COMMANDS_AUTO_OFFSET_RESET", "latest")));
        SERVICES.put("console", ServiceProcess.launch("console", Map.of(
                "AUTH_SERVICE_URL", uri("auth-service"), "TENANT_SERVICE_URL", uri("tenant-service"),
                "WHATSAPP_GATEWAY_URL", uri("whatsapp-gateway"),
                // Not started for this story: their paths answer 502 through the console.
                "MEMORY_SERVICE_URL", "http://127.0.0.1:9", "FLOW_SERVICE_URL", "http://127.0.0.1:9",
                "BILLING_SERVICE_URL", "http://127.0.0.1:9")));
        ServiceProcess.awaitReady(SERVICES.values());
        playwright = Playwright.create();
    }

    @AfterAll
    static void stopEverything() {
        if (playwright != null) {
            playwright.close();
        }
        ServiceProcess.closeAll(SERVICES.values());
        META.stop();
    }

    private static String uri(String service) {
        return SERVICES.get(service).uri("").toString();
    }

    @Test
    void a_receptionist_reaches_a_patient_whose_window_closed_with_an_approved_template_and_meta_receives_it() throws Exception {
        UUID clinic = Clinics.open(SERVICES.get("tenant-service").uri(""), "Clínica Sorriso");
        String email = "recepcao-" + UUID.randomUUID() + "@clinica.example";
        Clinics.member(clinic, email, "Júlia Recepção", "ORG_AGENT", PASSWORD);
        String number = Clinics.connect(SERVICES.get("tenant-service").uri(""), clinic);
        await().atMost(Duration.ofSeconds(30)).until(() -> Database.value("gateway",
                "select count(*)::text from channel where phone_number_id = ?", number).equals("1"));
        String patient = Clinics.patient();
        org.assertj.core.api.Assertions.assertThat(Clinics.writes(SERVICES.get("console").uri(""), APP_SECRET, number, patient,
                "Marina Alves", "Preciso remarcar minha consulta")).isEqualTo(200);
        // She wrote yesterday: the 24-hour window has closed.
        await().atMost(Duration.ofSeconds(10)).until(() -> Database.update("gateway", "update contact set last_inbound_at ="
                + " now() - interval '25 hours' where org_id = ?::uuid and wa_id = ?", clinic.toString(), patient) == 1);

        Browser browser = Browsers.chromium(playwright);
        var context = browser.newContext(new Browser.NewContextOptions().setLocale("pt-BR").setViewportSize(1280, 800));
        context.addInitScript(Clinics.axe());
        Page page = context.newPage();
        page.navigate(SERVICES.get("console").uri("/signin").toString());
        page.getByLabel("E-mail").fill(email);
        page.getByLabel("Senha").fill(PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Entrar")).click();
        page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName(java.util.regex.Pattern.compile("^Todas"))).click();
        page.locator("[data-conversation]").filter(new Locator.FilterOptions().setHasText("Marina Alves")).click();

        assertThat(page.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions().setHasText("janela de 24 horas"))).isVisible();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Enviar um modelo aprovado")).click();
        page.getByLabel("Modelo").selectOption("appointment_reminder|pt_BR");
        assertThat(page.getByLabel("Valor 1")).hasValue("Marina Alves");
        page.getByLabel("Valor 1").fill("Marina");
        page.getByLabel("Valor 2").fill("amanhã às 14h");
        assertThat(page.locator("[data-preview]")).hasText("Olá Marina, sua consulta é amanhã às 14h. Responda SIM para confirmar.");
        Clinics.accessible(page, "template picker");
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("console-template.png")));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Enviar modelo")).click();
        assertThat(page.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions().setHasText("Modelo enviado"))).isVisible();
        assertThat(page.locator("[data-message]").filter(new Locator.FilterOptions().setHasText("Olá Marina, sua consulta é amanhã às 14h")))
                .isVisible();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> META.verify(1, postRequestedFor(urlPathEqualTo("/v23.0/" + number
                + "/messages")).withHeader("Authorization", equalTo("Bearer EAAG-console-test-token-0001"))
                .withRequestBody(matchingJsonPath("$.to", equalTo(patient)))
                .withRequestBody(matchingJsonPath("$.type", equalTo("template")))
                .withRequestBody(matchingJsonPath("$.template.name", equalTo("appointment_reminder")))
                .withRequestBody(matchingJsonPath("$.template.language.code", equalTo("pt_BR")))
                .withRequestBody(matchingJsonPath("$.template.components[0].parameters[0].text", equalTo("Marina")))
                .withRequestBody(matchingJsonPath("$.template.components[0].parameters[1].text", equalTo("amanhã às 14h")))));
        // Listed for the picker and read again to check what was sent, always with the number's token.
        META.verify(com.github.tomakehurst.wiremock.client.WireMock.moreThanOrExactly(1), com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlPathEqualTo("/v23.0/102290129340398/message_templates")).withQueryParam("status", equalTo("APPROVED"))
                .withHeader("Authorization", equalTo("Bearer EAAG-console-test-token-0001")));
        context.close();
    }
}
