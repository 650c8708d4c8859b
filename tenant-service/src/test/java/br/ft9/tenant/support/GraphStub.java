package br.ft9.tenant.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Meta's Graph API as its documentation shows it, for the one call tenant-service makes (GET /{version}/{number}):
 * a token of the shape Meta issues ("EAAG...") sees any number, and the answer carries the number's id; any other
 * token is refused with Meta's error 190; a number registered with {@link #ownedBySomeoneElse} is refused with error 100.
 */
public class GraphStub implements QuarkusTestResourceLifecycleManager {

    private static WireMockServer server;

    public static WireMockServer server() {
        return server;
    }

    /** Meta refuses to show this number to the tokens the tests use: it belongs to another business. */
    public static void ownedBySomeoneElse(String phoneNumberId) {
        server.stubFor(get(urlPathMatching("/v23\\.0/" + phoneNumberId)).atPriority(1).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"error":{"message":"Unsupported get request. Object with ID '%s' does not exist, cannot be loaded due to missing permissions, or does not support this operation.","type":"GraphMethodException","code":100,"error_subcode":33,"fbtrace_id":"AbCdEf"}}"""
                        .formatted(phoneNumberId))));
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").templatingEnabled(true));
        server.start();
        server.stubFor(get(urlPathMatching("/v23\\.0/[0-9]+")).atPriority(5).withHeader("Authorization", matching("Bearer EAAG.*"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withTransformers("response-template")
                        .withBody("{\"id\":\"{{request.pathSegments.[1]}}\",\"display_phone_number\":\"+55 11 91234-5678\"}")));
        server.stubFor(get(urlPathMatching("/v23\\.0/[0-9]+")).atPriority(9).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"error":{"message":"Invalid OAuth access token - Cannot parse access token","type":"OAuthException","code":190,"fbtrace_id":"AbCdEf"}}""")));
        return Map.of("quarkus.rest-client.graph.url", server.baseUrl(), "ft9.channels.check-with-meta", "true");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
