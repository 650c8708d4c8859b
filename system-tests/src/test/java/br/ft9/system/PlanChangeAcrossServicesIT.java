package br.ft9.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;


import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import br.ft9.common.testing.RealInfrastructure;
import br.ft9.common.testing.TestTokens;
import io.restassured.http.ContentType;

/**
 * A plan's change travels as real processes do it: billing-service (no Stripe key, as in the local suite) announces
 * the plan set by staff, tenant-service applies its limits and flow-service its runs per month; a signed Stripe
 * "invoice.paid" webhook becomes {@code payment.succeeded}, which starts the organisation's payment automation.
 */
class PlanChangeAcrossServicesIT {

    private static final String WEBHOOK_SECRET = "whsec_it_" + UUID.randomUUID().toString().replace("-", "");
    private static ServiceProcess billing;
    private static ServiceProcess tenant;
    private static ServiceProcess flow;

    @BeforeAll
    static void startServices() {
        assertThat(RealInfrastructure.missing(System.getenv())).as("servers the services need").isEmpty();
        billing = ServiceProcess.launch("billing-service", Map.of("STRIPE_WEBHOOK_SECRET", WEBHOOK_SECRET));
        tenant = ServiceProcess.launch("tenant-service", Map.of());
        flow = ServiceProcess.launch("flow-service", Map.of());
        ServiceProcess.awaitReady(billing, tenant, flow);
    }

    @AfterAll
    static void stopServices() {
        ServiceProcess.closeAll(flow, tenant, billing);
    }

    @Test
    void a_plan_set_in_billing_changes_the_limits_in_tenant_and_flow_and_a_paid_invoice_starts_an_automation() throws Exception {
        String orgId = given().baseUri(tenant.uri("").toString()).auth().oauth2(TestTokens.superAdmin()).contentType(ContentType.JSON)
                .body(Map.of("name", "Clínica Horizonte", "slug", "horizonte-" + UUID.randomUUID().toString().substring(0, 8)))
                .when().post("/api/organizations").then().statusCode(201).extract().path("id");
        UUID org = UUID.fromString(orgId);
        String admin = TestTokens.member(org, "ORG_ADMIN");
        String paidAutomation = given().baseUri(flow.uri("").toString()).auth().oauth2(admin).contentType(ContentType.JSON)
                .body("""
                        {"name": "Obrigado pelo pagamento", "status": "ACTIVE", "definition":
                          {"trigger": {"type": "payment_succeeded"},
                           "steps": [{"type": "send_email", "to": "{{trigger.email}}", "subject": "Pagamento recebido",
                                      "body": "Recebemos {{trigger.amount}} {{trigger.currency}}. Obrigado!"}]}}""")
                .when().post("/api/automations").then().statusCode(201).extract().path("id");

        given().baseUri(billing.uri("").toString()).auth().oauth2(TestTokens.superAdmin()).contentType(ContentType.JSON)
                .body("{\"plan\": \"PROFESSIONAL\"}").when().put("/api/billing/organizations/" + orgId + "/subscription")
                .then().statusCode(200).body("charges", equalTo(false));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().baseUri(tenant.uri("").toString()).auth().oauth2(admin)
                .when().get("/api/organizations/me/limits").then().statusCode(200).body("plan", equalTo("PROFESSIONAL"))
                .body("limits.messagesPerMonth", equalTo(10_000)).body("limits.automationRunsPerMonth", equalTo(20_000)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().baseUri(flow.uri("").toString()).auth().oauth2(admin)
                .when().get("/api/automations/usage").then().statusCode(200).body("limit", equalTo(20_000)));

        String invoice = """
                {"id": "evt_it_%s", "object": "event", "api_version": "2026-07-29.dahlia", "created": %d, "livemode": false,
                 "pending_webhooks": 1, "request": {"id": null, "idempotency_key": null}, "type": "invoice.paid",
                 "data": {"object": {"id": "in_it_%s", "object": "invoice", "amount_due": 49900, "amount_paid": 49900,
                   "amount_remaining": 0, "currency": "brl", "customer": "cus_it_1", "customer_email": "financeiro@horizonte.example",
                   "status": "paid", "parent": {"type": "subscription_details",
                   "subscription_details": {"metadata": {"org_id": "%s"}, "subscription": "sub_it_1"}}}}}"""
                .formatted(UUID.randomUUID(), Instant.now().getEpochSecond(), UUID.randomUUID(), orgId);
        given().baseUri(billing.uri("").toString()).contentType("application/json").header("Stripe-Signature",
                Signatures.stripe(WEBHOOK_SECRET, Instant.now().getEpochSecond(), invoice))
                .body(invoice.getBytes(StandardCharsets.UTF_8)).when().post("/webhooks/stripe").then().statusCode(200);

        await().atMost(Duration.ofSeconds(30)).until(() -> "SUCCEEDED".equals(Database.value("flow",
                "select status from run where automation_id = ?::uuid", paidAutomation)));
        assertThat(Database.value("flow", "select output from run_step s join run r on r.id = s.run_id where r.automation_id = ?::uuid",
                paidAutomation)).contains("financeiro@horizonte.example");
    }
}
