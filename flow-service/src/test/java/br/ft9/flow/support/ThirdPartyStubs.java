package br.ft9.flow.support;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The world outside the platform: an organisation's own system called by call_webhook steps (WireMock on 127.0.0.1,
 * the host the test profile allows), and a real SMTP relay (GreenMail) for send_email steps.
 */
public class ThirdPartyStubs implements QuarkusTestResourceLifecycleManager {

    private static WireMockServer server;
    private static com.icegreen.greenmail.util.GreenMail smtp;

    public static com.icegreen.greenmail.util.GreenMail smtp() {
        return smtp;
    }

    public static WireMockServer server() {
        return server;
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        smtp = new com.icegreen.greenmail.util.GreenMail(new com.icegreen.greenmail.util.ServerSetup(port, "127.0.0.1",
                com.icegreen.greenmail.util.ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        return Map.of("quarkus.mailer.mock", "false", "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", String.valueOf(port), "quarkus.mailer.start-tls", "DISABLED");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }
}
