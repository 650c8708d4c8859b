package br.ft9.billing.support;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Stripe's API played by WireMock on 127.0.0.1 (stripe-java pointed at it), with Stripe's payload shapes, and the
 * test's Stripe configuration: a test API key, the webhook secret and one price per plan.
 */
public class StripeStub implements QuarkusTestResourceLifecycleManager {

    public static final String WEBHOOK_SECRET = "whsec_test_5f1b3c0d9e8a7b6c5d4e3f2a1b0c9d8e";
    public static final String PRICE_STARTER = "price_1QXstarterBRL19900";
    public static final String PRICE_PROFESSIONAL = "price_1QXprofessionalBRL49900";
    public static final String PRICE_ENTERPRISE = "price_1QXenterpriseBRL149900";

    private static WireMockServer server;

    public static WireMockServer server() {
        return server;
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        return Map.of("ft9.billing.stripe.api-key", "sk_test_ft9_51QXtests",
                "ft9.billing.stripe.api-base", "http://127.0.0.1:" + server.port(),
                "ft9.billing.stripe.webhook-secret", WEBHOOK_SECRET,
                "ft9.billing.stripe.price.starter", PRICE_STARTER,
                "ft9.billing.stripe.price.professional", PRICE_PROFESSIONAL,
                "ft9.billing.stripe.price.enterprise", PRICE_ENTERPRISE);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
