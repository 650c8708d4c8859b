package br.ft9.billing.api;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import br.ft9.billing.support.Stripe;
import br.ft9.billing.support.StripeStub;
import br.ft9.common.testing.AuditEntries;
import br.ft9.common.testing.KafkaProbe;
import br.ft9.common.testing.MovableClock;
import br.ft9.common.testing.RealInfrastructure;
import br.ft9.common.testing.Sql;
import br.ft9.common.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * billing-service with Stripe (its API played by a local stub, stripe-java pointed at it), real PostgreSQL and Kafka:
 * checkout, webhooks signed with the test secret in Stripe's payload shapes, each plan change path, the events.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(TestTokens.class)
@WithTestResource(StripeStub.class)
class StripeBillingTest {

    @Inject
    MovableClock clock;

    private static RequestSpecification as(UUID orgId, String role) {
        return given().auth().oauth2(TestTokens.member(orgId, role)).contentType(ContentType.JSON);
    }

    private static long outboxed(UUID orgId, String type) {
        return Sql.row("select count(*) from event_outbox where org_id = $1 and type = $2", orgId, type).getLong(0);
    }

    /** The organisation subscribed to the plan through Checkout, as Stripe reports it; answers the subscription id. */
    private static String subscribed(UUID org, String customer, String price) {
        String subscription = Stripe.id("sub");
        Stripe.holds(Stripe.subscription(subscription, customer, org, "active", price, false), subscription);
        String session = Stripe.fixture("checkout_session", Map.of("session", Stripe.id("cs_test"), "org", org, "customer", customer,
                "amount", 49_900, "customer_details", "{\"email\": \"financeiro@clinica.example\", \"name\": \"Clínica\"}",
                "expires", Instant.now().plusSeconds(3600).getEpochSecond(), "payment_status", "paid", "status", "complete",
                "subscription", "\"" + subscription + "\"", "url", "null"));
        Stripe.deliver(Stripe.event(Stripe.id("evt"), "checkout.session.completed", session, Instant.now().getEpochSecond()))
                .statusCode(200);
        return subscription;
    }

    @Test
    void the_plans_are_listed_with_their_limits_and_prices_and_can_be_bought() {
        as(UUID.randomUUID(), "ORG_AGENT").when().get("/api/billing/plans").then().statusCode(200)
                .body("charges", equalTo(true))
                .body("items.name", contains("STARTER", "PROFESSIONAL", "ENTERPRISE"))
                .body("items[1].limits.messagesPerMonth", equalTo(10_000)).body("items[1].monthlyPriceCents", equalTo(49_900))
                .body("items[2].available", equalTo(true));
    }

    @Test
    void subscribing_creates_the_stripe_customer_once_and_answers_the_checkout_page() {
        UUID org = UUID.randomUUID();
        String customer = Stripe.id("cus");
        StripeStub.server().stubFor(post(urlEqualTo("/v1/customers")).withRequestBody(containing(org.toString()))
                .willReturn(Stripe.json(Stripe.fixture("customer", Map.of("customer", customer, "org", org)))));
        String url = "https://checkout.stripe.com/c/pay/cs_test_" + org;
        StripeStub.server().stubFor(post(urlEqualTo("/v1/checkout/sessions")).withRequestBody(containing(customer))
                .willReturn(Stripe.json(Stripe.fixture("checkout_session", Map.of("session", Stripe.id("cs_test"), "org", org,
                        "customer", customer, "amount", 49_900, "customer_details", "null", "expires", Instant.now().plusSeconds(3600)
                                .getEpochSecond(), "payment_status", "unpaid", "status", "open", "subscription", "null",
                        "url", "\"" + url + "\"")))));

        as(org, "ORG_ADMIN").body("{\"plan\": \"professional\"}").when().post("/api/billing/subscription").then().statusCode(200)
                .body("url", equalTo(url));
        as(org, "ORG_ADMIN").body("{\"plan\": \"PROFESSIONAL\"}").when().post("/api/billing/subscription").then().statusCode(200);

        assertThat(StripeStub.server().findAll(postRequestedFor(urlEqualTo("/v1/customers")).withRequestBody(containing(org.toString()))))
                .hasSize(1).allSatisfy(r -> assertThat(r.getHeader("Idempotency-Key")).isEqualTo("ft9-customer-" + org));
        var checkouts = StripeStub.server().findAll(postRequestedFor(urlEqualTo("/v1/checkout/sessions")).withRequestBody(containing(customer)));
        assertThat(checkouts).hasSize(2).allSatisfy(r -> {
            assertThat(r.getHeader("Idempotency-Key")).startsWith("ft9-checkout-");
            assertThat(r.getBodyAsString()).contains("client_reference_id=" + org).contains("mode=subscription")
                    .contains(StripeStub.PRICE_PROFESSIONAL);
        });
        assertThat(checkouts.get(0).getHeader("Idempotency-Key")).isNotEqualTo(checkouts.get(1).getHeader("Idempotency-Key"));
    }

    @Test
    void a_completed_checkout_activates_the_plan_and_announces_its_limits() {
        UUID org = UUID.randomUUID();
        try (KafkaProbe billing = KafkaProbe.tail("ft9.billing.events")) {
            subscribed(org, Stripe.id("cus"), StripeStub.PRICE_PROFESSIONAL);

            as(org, "ORG_MANAGER").when().get("/api/billing/subscription").then().statusCode(200)
                    .body("plan", equalTo("PROFESSIONAL")).body("status", equalTo("ACTIVE")).body("cancelAtPeriodEnd", equalTo(false))
                    .body("limits.seats", equalTo(10));
            ConsumerRecord<String, String> activated = billing.awaitRecord(r -> r.key().equals(org.toString())
                    && "ft9.billing.subscription.activated.v1".equals(KafkaProbe.cloudEvent(r).get("type")), Duration.ofSeconds(20));
            assertThat(activated.value()).contains("\"plan\":\"PROFESSIONAL\"").contains("\"messagesPerMonth\":10000")
                    .contains("\"automationRunsPerMonth\":20000");
        }
    }

    @Test
    void forged_stale_altered_or_missing_signatures_are_refused_and_nothing_is_stored() {
        UUID org = UUID.randomUUID();
        String customer = Stripe.id("cus");
        String subscription = Stripe.id("sub");
        Stripe.holds(Stripe.subscription(subscription, customer, org, "active", StripeStub.PRICE_ENTERPRISE, false), subscription);
        String eventId = Stripe.id("evt");
        String payload = Stripe.event(eventId, "customer.subscription.created",
                Stripe.subscription(subscription, customer, org, "active", StripeStub.PRICE_ENTERPRISE, false), Instant.now().getEpochSecond());
        long now = Instant.now().getEpochSecond();

        Stripe.deliver(payload, Stripe.signature(payload, "whsec_not_the_secret", now)).statusCode(400)
                .contentType(containsString("application/problem+json")).body("detail", containsString("Stripe-Signature"));
        Stripe.deliver(payload, Stripe.signature(payload, StripeStub.WEBHOOK_SECRET, now - 600)).statusCode(400);
        Stripe.deliver(payload.replace("active", "past_due"), Stripe.signature(payload, StripeStub.WEBHOOK_SECRET, now)).statusCode(400);
        Stripe.deliver(payload, null).statusCode(400);

        assertThat(Sql.row("select count(*) from stripe_event where id = $1", eventId).getLong(0)).isZero();
        as(org, "ORG_ADMIN").when().get("/api/billing/subscription").then().statusCode(200).body("status", equalTo("NONE"));
        assertThat(outboxed(org, "ft9.billing.subscription.activated.v1")).isZero();

        Stripe.deliver(payload).statusCode(200);
        as(org, "ORG_ADMIN").when().get("/api/billing/subscription").then().body("plan", equalTo("ENTERPRISE"));
    }

    @Test
    void an_event_delivered_twice_is_applied_once() {
        UUID org = UUID.randomUUID();
        String customer = Stripe.id("cus");
        subscribed(org, customer, StripeStub.PRICE_PROFESSIONAL);
        String invoice = Stripe.fixture("invoice", Map.of("invoice", Stripe.id("in"), "customer", customer, "org", org,
                "subscription", Stripe.id("sub"), "amount", 49_900, "amount_paid", 49_900, "amount_remaining", 0, "status", "paid"));
        String payload = Stripe.event(Stripe.id("evt"), "invoice.paid", invoice, Instant.now().getEpochSecond());

        try (KafkaProbe billing = KafkaProbe.tail("ft9.billing.events")) {
            Stripe.deliver(payload).statusCode(200);
            Stripe.deliver(payload).statusCode(200);
            ConsumerRecord<String, String> paid = billing.awaitRecord(r -> r.key().equals(org.toString())
                    && "ft9.billing.payment.succeeded.v1".equals(KafkaProbe.cloudEvent(r).get("type")), Duration.ofSeconds(20));
            assertThat(paid.value()).contains("\"amount\":\"499.00\"").contains("\"currency\":\"BRL\"")
                    .contains("\"email\":\"financeiro@clinica.example\"");
        }
        assertThat(outboxed(org, "ft9.billing.payment.succeeded.v1")).isEqualTo(1);
        assertThat(outboxed(org, "ft9.billing.subscription.activated.v1")).isEqualTo(1);
    }

    @Test
    void events_arriving_out_of_order_end_in_the_state_stripe_holds() {
        UUID org = UUID.randomUUID();
        String customer = Stripe.id("cus");
        String subscription = subscribed(org, customer, StripeStub.PRICE_PROFESSIONAL);
        long t = Instant.now().getEpochSecond();
        String updated = Stripe.event(Stripe.id("evt"), "customer.subscription.updated",
                Stripe.subscription(subscription, customer, org, "active", StripeStub.PRICE_ENTERPRISE, false), t - 60);
        String deleted = Stripe.event(Stripe.id("evt"), "customer.subscription.deleted",
                Stripe.subscription(subscription, customer, org, "canceled", StripeStub.PRICE_ENTERPRISE, false), t);

        // Stripe ended the subscription; its "deleted" event arrives first, the older "updated" after it.
        Stripe.holds(Stripe.subscription(subscription, customer, org, "canceled", StripeStub.PRICE_ENTERPRISE, false), subscription);
        Stripe.deliver(deleted).statusCode(200);
        Stripe.deliver(updated).statusCode(200);

        as(org, "ORG_ADMIN").when().get("/api/billing/subscription").then().statusCode(200)
                .body("status", equalTo("CANCELED")).body("plan", equalTo("STARTER"));
        assertThat(outboxed(org, "ft9.billing.subscription.canceled.v1")).isEqualTo(1);
        assertThat(outboxed(org, "ft9.billing.subscription.activated.v1")).isEqualTo(1);
    }

    @Test
    void an_upgrade_applies_now_prorated_and_a_downgrade_keeps_the_plan_until_the_period_ends() {
        UUID org = UUID.randomUUID();
        String customer = Stripe.id("cus");
        String subscription = subscribed(org, customer, StripeStub.PRICE_PROFESSIONAL);
        StripeStub.server().stubFor(post(urlEqualTo("/v1/subscriptions/" + subscription))
                .withRequestBody(containing(StripeStub.PRICE_ENTERPRISE)).willReturn(Stripe.json(
                        Stripe.subscription(subscription, customer, org, "active", StripeStub.PRICE_ENTERPRISE, false))));

        as(org, "ORG_ADMIN").body("{\"plan\": \"ENTERPRISE\"}").when().put("/api/billing/subscription").then().statusCode(200)
                .body("plan", equalTo("ENTERPRISE")).body("pendingPlan", nullValue());
        assertThat(StripeStub.server().findAll(postRequestedFor(urlEqualTo("/v1/subscriptions/" + subscription))).get(0).getBodyAsString())
                .contains("proration_behavior=always_invoice");
        assertThat(outboxed(org, "ft9.billing.subscription.changed.v1")).isEqualTo(1);

        Stripe.holds(Stripe.subscription(subscription, customer, org, "active", StripeStub.PRICE_ENTERPRISE, false), subscription);
        StripeStub.server().stubFor(post(urlEqualTo("/v1/subscriptions/" + subscription))
                .withRequestBody(containing(StripeStub.PRICE_STARTER)).willReturn(Stripe.json(
                        Stripe.subscription(subscription, customer, org, "active", StripeStub.PRICE_STARTER, false))));
        as(org, "ORG_ADMIN").body("{\"plan\": \"STARTER\"}").when().put("/api/billing/subscription").then().statusCode(200)
                .body("plan", equalTo("ENTERPRISE")).body("pendingPlan", equalTo("STARTER"));
        assertThat(StripeStub.server().findAll(postRequestedFor(urlEqualTo("/v1/subscriptions/" + subscription))
                .withRequestBody(containing(StripeStub.PRICE_STARTER))).get(0).getBodyAsString()).contains("proration_behavior=none");
        // Stripe's webhook for the change it made says Starter: the Enterprise period already paid for still counts.
        Stripe.holds(Stripe.subscription(subscription, customer, org, "active", StripeStub.PRICE_STARTER, false), subscription);
        Stripe.deliver(Stripe.event(Stripe.id("evt"), "customer.subscription.updated",
                Stripe.subscription(subscription, customer, org, "active", StripeStub.PRICE_STARTER, false), Instant.now().getEpochSecond()))
                .statusCode(200);
        as(org, "ORG_ADMIN").when().get("/api/billing/subscription").then().body("plan", equalTo("ENTERPRISE"));
        assertThat(outboxed(org, "ft9.billing.subscription.changed.v1")).isEqualTo(1);

        // The period ends.
        Sql.execute("update billing_account set pending_from = now() - interval '1 second' where org_id = $1", org);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> as(org, "ORG_ADMIN")
                .when().get("/api/billing/subscription").then().body("plan", equalTo("STARTER")).body("pendingPlan", nullValue()));
        assertThat(outboxed(org, "ft9.billing.subscription.changed.v1")).isEqualTo(2);
        // In the trail: Stripe's checkout (the platform), the admin's upgrade, then the downgrade the platform's schedule
        // applied when the period ended.
        assertThat(AuditEntries.of(org, "billing.plan_changed").stream().map(e -> e.path("actorKind").asText() + " "
                + e.path("actorRole").asText("-") + ": " + e.path("before").path("plan").asText() + " -> "
                + e.path("after").path("plan").asText())).containsExactly("PLATFORM -: STARTER -> PROFESSIONAL",
                        "MEMBER ORG_ADMIN: PROFESSIONAL -> ENTERPRISE", "PLATFORM -: ENTERPRISE -> STARTER");
    }

    @Test
    void cancelling_keeps_the_plan_until_stripe_ends_the_subscription() {
        UUID org = UUID.randomUUID();
        String customer = Stripe.id("cus");
        String subscription = subscribed(org, customer, StripeStub.PRICE_PROFESSIONAL);
        StripeStub.server().stubFor(post(urlEqualTo("/v1/subscriptions/" + subscription))
                .withRequestBody(containing("cancel_at_period_end=true")).willReturn(Stripe.json(
                        Stripe.subscription(subscription, customer, org, "active", StripeStub.PRICE_PROFESSIONAL, true))));

        as(org, "ORG_ADMIN").when().delete("/api/billing/subscription").then().statusCode(200)
                .body("plan", equalTo("PROFESSIONAL")).body("cancelAtPeriodEnd", equalTo(true));

        Stripe.holds(Stripe.subscription(subscription, customer, org, "canceled", StripeStub.PRICE_PROFESSIONAL, true), subscription);
        Stripe.deliver(Stripe.event(Stripe.id("evt"), "customer.subscription.deleted",
                Stripe.subscription(subscription, customer, org, "canceled", StripeStub.PRICE_PROFESSIONAL, true), Instant.now().getEpochSecond()))
                .statusCode(200);
        as(org, "ORG_ADMIN").when().get("/api/billing/subscription").then().body("plan", equalTo("STARTER")).body("status", equalTo("CANCELED"));
        assertThat(outboxed(org, "ft9.billing.subscription.canceled.v1")).isEqualTo(1);
    }

    @Test
    void platform_staff_end_a_subscription_at_once_through_stripe() {
        UUID org = UUID.randomUUID();
        String customer = Stripe.id("cus");
        String subscription = subscribed(org, customer, StripeStub.PRICE_ENTERPRISE);
        StripeStub.server().stubFor(com.github.tomakehurst.wiremock.client.WireMock.delete(urlEqualTo("/v1/subscriptions/" + subscription))
                .willReturn(Stripe.json(Stripe.subscription(subscription, customer, org, "canceled", StripeStub.PRICE_ENTERPRISE, false))));

        as(org, "ORG_ADMIN").when().delete("/api/billing/organizations/" + org + "/subscription?now=true").then().statusCode(403);
        given().auth().oauth2(TestTokens.superAdmin()).when().delete("/api/billing/organizations/" + org + "/subscription?now=true")
                .then().statusCode(200).body("status", equalTo("CANCELED")).body("plan", equalTo("STARTER"));

        assertThat(StripeStub.server().findAll(com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor(
                urlEqualTo("/v1/subscriptions/" + subscription)))).hasSize(1);
        assertThat(outboxed(org, "ft9.billing.subscription.canceled.v1")).isEqualTo(1);
    }

    @Test
    void a_failed_payment_then_paid_publishes_both_but_a_late_failure_after_payment_changes_nothing() {
        UUID org = UUID.randomUUID();
        String customer = Stripe.id("cus");
        subscribed(org, customer, StripeStub.PRICE_PROFESSIONAL);
        String invoiceId = Stripe.id("in");
        Map<String, Object> base = Map.of("invoice", invoiceId, "customer", customer, "org", org, "subscription", Stripe.id("sub"),
                "amount", 49_900);
        java.util.Map<String, Object> failedValues = new java.util.HashMap<>(base);
        failedValues.putAll(Map.of("amount_paid", 0, "amount_remaining", 49_900, "status", "open"));
        java.util.Map<String, Object> paidValues = new java.util.HashMap<>(base);
        paidValues.putAll(Map.of("amount_paid", 49_900, "amount_remaining", 0, "status", "paid"));
        String failed = Stripe.fixture("invoice", failedValues);
        String paid = Stripe.fixture("invoice", paidValues);
        long t = Instant.now().getEpochSecond();

        Stripe.deliver(Stripe.event(Stripe.id("evt"), "invoice.payment_failed", failed, t - 120)).statusCode(200);
        Stripe.deliver(Stripe.event(Stripe.id("evt"), "invoice.paid", paid, t - 60)).statusCode(200);
        Stripe.deliver(Stripe.event(Stripe.id("evt"), "invoice.payment_failed", failed, t - 90)).statusCode(200); // late retry's report

        assertThat(outboxed(org, "ft9.billing.payment.failed.v1")).isEqualTo(1);
        assertThat(outboxed(org, "ft9.billing.payment.succeeded.v1")).isEqualTo(1);
        assertThat(Sql.row("select status from invoice where id = $1", invoiceId).getString(0)).isEqualTo("paid");
    }

    @Test
    void past_due_beyond_the_grace_period_is_announced_overdue_once_and_paying_settles_it() {
        UUID org = UUID.randomUUID();
        String customer = Stripe.id("cus");
        String subscription = subscribed(org, customer, StripeStub.PRICE_PROFESSIONAL);
        Stripe.holds(Stripe.subscription(subscription, customer, org, "past_due", StripeStub.PRICE_PROFESSIONAL, false), subscription);
        Stripe.deliver(Stripe.event(Stripe.id("evt"), "customer.subscription.updated",
                Stripe.subscription(subscription, customer, org, "past_due", StripeStub.PRICE_PROFESSIONAL, false),
                Instant.now().getEpochSecond())).statusCode(200);
        as(org, "ORG_ADMIN").when().get("/api/billing/subscription").then().body("status", equalTo("PAST_DUE"))
                .body("plan", equalTo("PROFESSIONAL"));

        // Fifteen days of failed retries later.
        try {
            clock.advance(Duration.ofDays(15));
            await().atMost(Duration.ofSeconds(15)).until(() -> outboxed(org, "ft9.billing.account.overdue.v1") == 1);
        } finally {
            clock.reset();
        }

        Stripe.holds(Stripe.subscription(subscription, customer, org, "active", StripeStub.PRICE_PROFESSIONAL, false), subscription);
        Stripe.deliver(Stripe.event(Stripe.id("evt"), "customer.subscription.updated",
                Stripe.subscription(subscription, customer, org, "active", StripeStub.PRICE_PROFESSIONAL, false),
                Instant.now().getEpochSecond())).statusCode(200);
        assertThat(outboxed(org, "ft9.billing.account.settled.v1")).isEqualTo(1);
        assertThat(outboxed(org, "ft9.billing.account.overdue.v1")).isEqualTo(1);
    }

    @Test
    void the_portal_opens_for_the_organisations_own_customer() {
        UUID org = UUID.randomUUID();
        String customer = Stripe.id("cus");
        subscribed(org, customer, StripeStub.PRICE_STARTER);
        StripeStub.server().stubFor(post(urlEqualTo("/v1/billing_portal/sessions")).withRequestBody(containing(customer))
                .willReturn(Stripe.json(Stripe.fixture("portal_session", Map.of("customer", customer)))));

        as(org, "ORG_ADMIN").when().post("/api/billing/portal").then().statusCode(200)
                .body("url", containsString("https://billing.stripe.com/p/session/"));
        as(UUID.randomUUID(), "ORG_ADMIN").when().post("/api/billing/portal").then().statusCode(409);
        as(org, "ORG_MANAGER").when().post("/api/billing/portal").then().statusCode(403);
    }

    @Test
    void one_organisations_billing_is_never_seen_or_changed_by_another() {
        UUID clinic = UUID.randomUUID();
        UUID school = UUID.randomUUID();
        subscribed(clinic, Stripe.id("cus"), StripeStub.PRICE_ENTERPRISE);

        as(school, "ORG_ADMIN").when().get("/api/billing/subscription").then().statusCode(200)
                .body("plan", equalTo("STARTER")).body("status", equalTo("NONE")).body("currentPeriodEnd", nullValue());
        as(school, "ORG_ADMIN").body("{\"plan\": \"PROFESSIONAL\"}").when().put("/api/billing/subscription").then().statusCode(409);
        as(school, "ORG_ADMIN").when().delete("/api/billing/subscription").then().statusCode(409);
        as(clinic, "ORG_ADMIN").when().get("/api/billing/subscription").then().body("plan", equalTo("ENTERPRISE"));
        // Staff routes are for staff only.
        as(school, "ORG_ADMIN").body("{\"plan\": \"ENTERPRISE\"}").when().put("/api/billing/organizations/" + school + "/subscription")
                .then().statusCode(403);
    }

    @Test
    void a_bad_plan_is_a_problem_naming_the_field_and_stripe_is_not_called() {
        UUID org = UUID.randomUUID();
        as(org, "ORG_ADMIN").body("{\"plan\": \"GOLD\"}").when().post("/api/billing/subscription").then().statusCode(400)
                .contentType(containsString("application/problem+json")).body("detail", containsString("plan"));
        as(org, "ORG_ADMIN").body("{}").when().post("/api/billing/subscription").then().statusCode(400);
        assertThat(StripeStub.server().findAll(postRequestedFor(urlEqualTo("/v1/customers")).withRequestBody(containing(org.toString()))))
                .isEmpty();
    }
}
