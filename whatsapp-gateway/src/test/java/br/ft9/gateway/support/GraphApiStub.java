package br.ft9.gateway.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Meta's Graph API played by WireMock on a local port, answering as the Cloud API documents it: a send
 * returns {@code {"messaging_product":"whatsapp","contacts":[{"input","wa_id"}],"messages":[{"id":"wamid..."}]}}.
 * Tests add their own stubs (429, errors) per phone number id.
 */
public class GraphApiStub implements QuarkusTestResourceLifecycleManager {

    private static WireMockServer server;

    public static WireMockServer server() {
        return server;
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1")
                .globalTemplating(true));
        server.start();
        acceptEverySend();
        return Map.of("quarkus.rest-client.graph.url", server.baseUrl());
    }

    /** The default answer: Meta accepted the message and named it. */
    public static void acceptEverySend() {
        server.stubFor(post(urlPathMatching("/v23\\.0/[0-9]+/messages"))
                .withHeader("Authorization", matching("Bearer .+"))
                .atPriority(10)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"{{jsonPath request.body '$.to'}}\","
                                + "\"wa_id\":\"{{jsonPath request.body '$.to'}}\"}],\"messages\":[{\"id\":\"wamid.{{randomValue length=24 type='ALPHANUMERIC'}}\","
                                + "\"message_status\":\"accepted\"}]}")));
    }

    /** Meta refusing every send from one number with its documented validation error (code 100, not retried). */
    public static void refuseSendsFrom(String phoneNumberId) {
        server.stubFor(post(urlPathMatching("/v23\\.0/" + phoneNumberId + "/messages")).atPriority(1)
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json").withBody(
                        "{\"error\":{\"message\":\"(#100) Invalid parameter\",\"type\":\"OAuthException\",\"code\":100,"
                                + "\"error_data\":{\"messaging_product\":\"whatsapp\",\"details\":\"Parameter value is not valid\"},"
                                + "\"fbtrace_id\":\"AgRnGsYbqoGAdJ0KYU2hA1O\"}}")));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
