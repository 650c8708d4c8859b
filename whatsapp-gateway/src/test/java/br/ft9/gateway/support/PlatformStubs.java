package br.ft9.gateway.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * memory-service's and flow-service's contact-export APIs played by WireMock on one local port (the gateway module's
 * tests do not start them; the system tests do), answering with their documented shapes to a caller with a token.
 */
public class PlatformStubs implements QuarkusTestResourceLifecycleManager {

    private static WireMockServer server;

    public static WireMockServer server() {
        return server;
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        server.stubFor(post(urlEqualTo("/api/knowledge/contact-exports")).withHeader("Authorization", matching("Bearer .+"))
                .atPriority(10).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"recentTurns\":[{\"role\":\"contact\",\"text\":\"Aceitam Unimed?\"},{\"role\":\"assistant\","
                                + "\"text\":\"Sim.\"}],\"unansweredQuestions\":[]}")));
        server.stubFor(post(urlEqualTo("/api/automations/contact-exports")).withHeader("Authorization", matching("Bearer .+"))
                .atPriority(10).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"profile\":{\"name\":\"Maria\",\"fields\":{\"convenio\":\"Unimed\"},\"tags\":[\"paciente\"]},"
                                + "\"runs\":[]}")));
        return Map.of("quarkus.rest-client.memory.url", server.baseUrl(), "quarkus.rest-client.flow.url", server.baseUrl());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
