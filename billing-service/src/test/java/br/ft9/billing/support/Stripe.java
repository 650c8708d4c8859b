package br.ft9.billing.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import com.stripe.net.Webhook;

import io.restassured.response.ValidatableResponse;

/** Stripe's objects and events from the fixtures in {@code src/test/resources/stripe}, signed as Stripe signs them. */
public final class Stripe {

    private Stripe() {
    }

    public static String id(String prefix) {
        return prefix + "_1QX" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }

    /** A fixture with its {@code ${name}} placeholders filled. */
    public static String fixture(String name, Map<String, Object> values) {
        try (InputStream in = Stripe.class.getResourceAsStream("/stripe/" + name + ".json")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Map<String, Object> all = new HashMap<>(Map.of("now", Instant.now().getEpochSecond()));
            all.putAll(values);
            for (Map.Entry<String, Object> e : all.entrySet()) {
                text = text.replace("${" + e.getKey() + "}", String.valueOf(e.getValue()));
            }
            if (text.contains("${")) {
                throw new IllegalArgumentException("unfilled placeholder in " + name + ": " + text.substring(text.indexOf("${")));
            }
            return text;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A subscription object in Stripe's shape. */
    public static String subscription(String id, String customer, UUID org, String status, String price, boolean cancelAtPeriodEnd) {
        long start = Instant.now().minusSeconds(86_400).getEpochSecond();
        return fixture("subscription", Map.of("subscription", id, "customer", customer, "org", org, "status", status,
                "price", price, "item", "si_" + id.substring(4), "period_start", start, "period_end", start + 30L * 86_400,
                "cancel_at_period_end", cancelAtPeriodEnd, "amount", 49_900));
    }

    /** Makes the stub answer Stripe's current state of the subscription (retrieve, update and cancel). */
    public static void holds(String subscriptionJson, String id) {
        StripeStub.server().stubFor(get(urlEqualTo("/v1/subscriptions/" + id)).willReturn(json(subscriptionJson)));
    }

    public static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withHeader("Request-Id", "req_" + UUID.randomUUID())
                .withBody(body);
    }

    /** An event around the object, in Stripe's envelope. */
    public static String event(String id, String type, String object, long created) {
        return """
                {"id": "%s", "object": "event", "api_version": "2026-07-29.dahlia", "created": %d,
                 "data": {"object": %s}, "livemode": false, "pending_webhooks": 1,
                 "request": {"id": "req_%s", "idempotency_key": null}, "type": "%s"}"""
                .formatted(id, created, object, UUID.randomUUID().toString().substring(0, 12), type);
    }

    /** The Stripe-Signature header for the payload at the given time. */
    public static String signature(String payload, String secret, long timestamp) {
        try {
            String v1 = Webhook.Util.computeHmacSha256(secret, timestamp + "." + payload);
            return "t=" + timestamp + ",v1=" + v1;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Delivers the event as Stripe does, signed now with the test secret. */
    public static ValidatableResponse deliver(String payload) {
        return deliver(payload, signature(payload, StripeStub.WEBHOOK_SECRET, Instant.now().getEpochSecond()));
    }

    public static ValidatableResponse deliver(String payload, String signatureHeader) {
        var request = given().contentType("application/json; charset=utf-8").body(payload.getBytes(StandardCharsets.UTF_8));
        if (signatureHeader != null) {
            request = request.header("Stripe-Signature", signatureHeader);
        }
        return request.when().post("/webhooks/stripe").then();
    }

    public static void stubPost(String path, String body) {
        StripeStub.server().stubFor(post(urlEqualTo(path)).willReturn(json(body)));
    }
}
