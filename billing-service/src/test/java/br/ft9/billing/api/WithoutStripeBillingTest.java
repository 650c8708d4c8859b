package br.ft9.billing.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import br.ft9.billing.support.MailRelay;
import br.ft9.billing.support.Stripe;
import br.ft9.billing.support.StripeStub;
import br.ft9.common.testing.AuditEntries;
import br.ft9.common.testing.CloudEventSender;
import br.ft9.common.testing.KafkaProbe;
import br.ft9.common.testing.RealInfrastructure;
import br.ft9.common.testing.Sql;
import br.ft9.common.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * billing-service where Stripe is not configured (local, demo): the plans exist, nothing is charged, staff set plans
 * and the API says so; signed webhooks still apply, ordered by their own timestamps; use is counted from the
 * services' events on the real broker, the monthly quota is announced once and the organisation's contact is mailed.
 */
@QuarkusTest
@TestProfile(WithoutStripeBillingTest.NoStripeKey.class)
@WithTestResource(RealInfrastructure.class)
@WithTestResource(TestTokens.class)
@WithTestResource(MailRelay.class)
class WithoutStripeBillingTest {

    /** No API key; the local webhook secret only. */
    public static class NoStripeKey implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ft9.billing.stripe.api-key", "", "ft9.billing.stripe.webhook-secret", StripeStub.WEBHOOK_SECRET,
                    "ft9.billing.stripe.price.professional", StripeStub.PRICE_PROFESSIONAL,
                    "ft9.billing.stripe.price.enterprise", StripeStub.PRICE_ENTERPRISE);
        }
    }

    private static CloudEventSender kafka;

    @BeforeAll
    static void connect() {
        kafka = new CloudEventSender();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    private static RequestSpecification as(UUID orgId, String role) {
        return given().auth().oauth2(TestTokens.member(orgId, role)).contentType(ContentType.JSON);
    }

    private static RequestSpecification asStaff() {
        return given().auth().oauth2(TestTokens.superAdmin()).contentType(ContentType.JSON);
    }

    private static void messageReceived(UUID org) {
        messageReceived(org, UUID.randomUUID().toString(), org.toString());
    }

    private static void messageReceived(UUID org, String eventId, String orgIdInData) {
        kafka.sendAtOnce("ft9.whatsapp.inbound", List.of(received(org, eventId, orgIdInData)));
    }

    private static CloudEventSender.Event received(UUID org, String eventId, String orgIdInData) {
        return new CloudEventSender.Event(org + ":5581900000001", eventId, "ft9.whatsapp.message.received.v1", "whatsapp-gateway",
                org.toString(), "{\"orgId\":\"%s\",\"messageId\":\"%s\",\"waId\":\"5581900000001\",\"type\":\"text\",\"text\":\"oi\"}"
                        .formatted(orgIdInData, UUID.randomUUID()));
    }

    @Test
    void messages_counted_in_batches_count_a_redelivered_one_once_and_set_aside_only_an_unreadable_one() {
        UUID org = UUID.randomUUID();
        String period = YearMonth.now(ZoneOffset.UTC).toString();
        String twice = UUID.randomUUID().toString();
        String unreadable = UUID.randomUUID().toString();
        String last = UUID.randomUUID().toString();
        try (KafkaProbe deadLetters = KafkaProbe.tail("ft9.whatsapp.inbound.billing.dlq")) {
            // One key, so one partition, in this order; sent at once, so most likely polled as one batch, applied
            // again one at a time because of the unreadable one.
            kafka.sendAtOnce("ft9.whatsapp.inbound", List.of(received(org, twice, org.toString()), received(org, twice, org.toString()),
                    received(org, unreadable, "not-an-organisation"), received(org, last, org.toString())));

            ConsumerRecord<String, String> setAside = deadLetters.awaitRecord(r -> r.key().equals(org + ":5581900000001"),
                    Duration.ofSeconds(20));
            assertThat(KafkaProbe.cloudEvent(setAside)).containsEntry("id", unreadable);
            await().atMost(Duration.ofSeconds(20)).until(() -> Sql.row("select count(*) from processed_event"
                    + " where consumer = 'billing.messages' and event_id = $1", last).getLong(0) == 1);
        }
        assertThat(Sql.row("select used from usage_counter where org_id = $1 and period = $2 and metric = 'messages'", org, period)
                .getLong(0)).as("the redelivered message counted once, the unreadable one not at all").isEqualTo(2);
        assertThat(batches("one-at-a-time")).as("the batch holding the unreadable message was applied one at a time").isPositive();
    }

    /** How many batches of messages billing applied so far, together or one at a time (its metrics). */
    private static double batches(String applied) {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(line -> line.startsWith("ft9_inbox_batches_total{")
                && line.contains("consumer=\"billing.messages\"") && line.contains("applied=\"" + applied + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void without_stripe_the_api_says_nothing_is_charged_and_admins_are_sent_to_staff() {
        UUID org = UUID.randomUUID();
        as(org, "ORG_ADMIN").when().get("/api/billing/plans").then().statusCode(200).body("charges", equalTo(false))
                .body("items[1].available", equalTo(false));
        as(org, "ORG_ADMIN").body("{\"plan\": \"PROFESSIONAL\"}").when().post("/api/billing/subscription").then().statusCode(409)
                .contentType(containsString("application/problem+json")).body("detail", containsString("nothing is charged"));
        as(org, "ORG_ADMIN").when().post("/api/billing/portal").then().statusCode(409);
        as(org, "ORG_ADMIN").when().get("/api/billing/subscription").then().body("charges", equalTo(false));
    }

    @Test
    void staff_set_a_plan_without_charges_which_tells_the_platform_and_can_end_it() {
        UUID org = UUID.randomUUID();
        try (KafkaProbe billing = KafkaProbe.tail("ft9.billing.events")) {
            asStaff().body("{\"plan\": \"ENTERPRISE\"}").when().put("/api/billing/organizations/" + org + "/subscription").then()
                    .statusCode(200).body("plan", equalTo("ENTERPRISE")).body("status", equalTo("ACTIVE"));
            ConsumerRecord<String, String> activated = billing.awaitRecord(r -> r.key().equals(org.toString())
                    && "ft9.billing.subscription.activated.v1".equals(KafkaProbe.cloudEvent(r).get("type")), Duration.ofSeconds(20));
            assertThat(activated.value()).contains("\"automations\":200");

            asStaff().body("{\"plan\": \"PROFESSIONAL\"}").when().put("/api/billing/organizations/" + org + "/subscription").then()
                    .statusCode(200).body("plan", equalTo("PROFESSIONAL"));
            billing.awaitRecord(r -> r.key().equals(org.toString())
                    && "ft9.billing.subscription.changed.v1".equals(KafkaProbe.cloudEvent(r).get("type")), Duration.ofSeconds(20));

            as(org, "ORG_ADMIN").when().delete("/api/billing/subscription").then().statusCode(409);
            asStaff().when().delete("/api/billing/organizations/" + org + "/subscription?now=true").then().statusCode(200)
                    .body("plan", equalTo("STARTER")).body("status", equalTo("CANCELED"));
            billing.awaitRecord(r -> r.key().equals(org.toString())
                    && "ft9.billing.subscription.canceled.v1".equals(KafkaProbe.cloudEvent(r).get("type")), Duration.ofSeconds(20));
        }
        // staff's three decisions are in the organisation's trail, each plan before and after
        assertThat(AuditEntries.of(org).stream().map(e -> e.path("action").asText() + " by " + e.path("actorKind").asText() + ": "
                + e.path("before").path("plan").asText() + " -> " + e.path("after").path("plan").asText() + " "
                + e.path("after").path("status").asText()))
                .containsExactly("billing.plan_changed by STAFF: STARTER -> ENTERPRISE ACTIVE",
                        "billing.plan_changed by STAFF: ENTERPRISE -> PROFESSIONAL ACTIVE",
                        "billing.subscription_canceled by STAFF: PROFESSIONAL -> STARTER CANCELED");
    }

    @Test
    void signed_webhooks_apply_their_own_object_and_an_older_one_changes_nothing() {
        UUID org = UUID.randomUUID();
        String customer = Stripe.id("cus");
        String subscription = Stripe.id("sub");
        long t = Instant.now().getEpochSecond();
        Stripe.deliver(Stripe.event(Stripe.id("evt"), "customer.subscription.updated",
                Stripe.subscription(subscription, customer, org, "active", StripeStub.PRICE_ENTERPRISE, false), t)).statusCode(200);
        Stripe.deliver(Stripe.event(Stripe.id("evt"), "customer.subscription.created",
                Stripe.subscription(subscription, customer, org, "active", StripeStub.PRICE_PROFESSIONAL, false), t - 30)).statusCode(200);
        Stripe.deliver(Stripe.event(Stripe.id("evt"), "customer.tax_id.created", "{\"id\": \"txi_1\", \"object\": \"tax_id\"}", t))
                .statusCode(200);

        as(org, "ORG_ADMIN").when().get("/api/billing/subscription").then().body("plan", equalTo("ENTERPRISE"))
                .body("status", equalTo("ACTIVE"));
    }

    @Test
    void messages_and_answers_are_counted_per_month_and_the_quota_is_announced_once() {
        UUID org = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        String period = YearMonth.now(ZoneOffset.UTC).toString();
        kafka.send("ft9.tenant.events", org.toString(), UUID.randomUUID().toString(), "ft9.tenant.organization.updated.v1",
                "tenant-service", org.toString(), "{\"orgId\":\"%s\",\"name\":\"Clínica Sol\",\"notificationEmail\":\"gestao@sol.example\"}"
                        .formatted(org));
        await().atMost(Duration.ofSeconds(20)).until(() -> Sql.row("select count(*) from billing_account where org_id = $1"
                + " and billing_email = 'gestao@sol.example'", org).getLong(0) == 1);
        Sql.execute("insert into usage_counter (org_id, period, metric, used) values ($1, $2, 'messages', 998)", org, period);
        try (KafkaProbe billing = KafkaProbe.tail("ft9.billing.events")) {
            messageReceived(org);
            messageReceived(org);
            messageReceived(other);
            kafka.send("ft9.memory.events", org.toString(), UUID.randomUUID().toString(), "ft9.memory.answer.given.v1", "memory-service",
                    org.toString(), "{\"orgId\":\"%s\",\"conversationId\":null,\"mode\":\"extractive\",\"citedItems\":[]}".formatted(org));

            ConsumerRecord<String, String> quota = billing.awaitRecord(r -> r.key().equals(org.toString())
                    && "ft9.billing.quota.exceeded.v1".equals(KafkaProbe.cloudEvent(r).get("type")), Duration.ofSeconds(20));
            assertThat(quota.value()).contains("\"metric\":\"messages\"").contains("\"limit\":1000").contains("\"used\":1000");
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as(org, "ORG_MANAGER").when().get("/api/billing/usage").then()
                    .statusCode(200).body("period", equalTo(period)).body("items[0].used", equalTo(1000))
                    .body("items[0].exceeded", equalTo(true)).body("items[1].used", equalTo(1)));
            messageReceived(org);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as(org, "ORG_MANAGER").when().get("/api/billing/usage").then()
                    .body("items[0].used", equalTo(1001)));
        }
        assertThat(batches("together")).as("messages are counted a batch at a time").isPositive();
        assertThat(Sql.row("select count(*) from event_outbox where org_id = $1 and type = 'ft9.billing.quota.exceeded.v1'", org)
                .getLong(0)).isEqualTo(1);
        var mails = java.util.Arrays.stream(MailRelay.smtp().getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals("gestao@sol.example");
            } catch (jakarta.mail.MessagingException e) {
                return false;
            }
        }).toList();
        assertThat(mails).as("the admin is told once").hasSize(1);
        assertThat(com.icegreen.greenmail.util.GreenMailUtil.getBody(mails.get(0))).contains("1000").contains("parou de responder");
        as(other, "ORG_ADMIN").when().get("/api/billing/usage").then().body("items[0].used", equalTo(1))
                .body("items[0].exceeded", equalTo(false));
        as(other, "ORG_AGENT").when().get("/api/billing/usage").then().statusCode(403);
    }
}
