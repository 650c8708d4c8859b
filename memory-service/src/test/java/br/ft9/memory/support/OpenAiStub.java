package br.ft9.memory.support;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** An OpenAI-compatible chat API played by WireMock on a local port; tests stub its answers in the documented shape. */
public class OpenAiStub implements QuarkusTestResourceLifecycleManager {

    private static WireMockServer server;

    public static WireMockServer server() {
        return server;
    }

    /** A chat completion as the OpenAI API answers it. */
    public static String completion(String content) {
        return """
                {"id":"chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT","object":"chat.completion","created":1764072000,\
                "model":"gpt-4o-mini-2024-07-18","choices":[{"index":0,"message":{"role":"assistant","content":"%s",\
                "refusal":null},"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":412,"completion_tokens":31,\
                "total_tokens":443},"system_fingerprint":"fp_44709d6fcb"}""".formatted(content);
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        return Map.of("ft9.llm.base-url", server.baseUrl() + "/v1", "ft9.llm.api-key", "sk-test-only");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
