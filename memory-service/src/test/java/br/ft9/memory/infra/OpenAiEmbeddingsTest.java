package br.ft9.memory.infra;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import br.ft9.memory.domain.Embedder;
import br.ft9.memory.domain.Vectors;

/** With an OpenAI key the embeddings come from OpenAI's API (played by WireMock in its documented shape), unit-length, named by model. */
class OpenAiEmbeddingsTest {

    private WireMockServer openAi;

    @BeforeEach
    void start() {
        openAi = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        openAi.start();
    }

    @AfterEach
    void stop() {
        openAi.stop();
    }

    @Test
    void with_a_key_texts_are_embedded_by_openai_and_normalised_and_the_model_is_recorded() {
        openAi.stubFor(post(urlEqualTo("/v1/embeddings")).willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,\"embedding\":[3.0,4.0,0.0]},"
                        + "{\"object\":\"embedding\",\"index\":1,\"embedding\":[0.0,0.0,2.0]}],\"model\":\"text-embedding-3-small\","
                        + "\"usage\":{\"prompt_tokens\":8,\"total_tokens\":8}}")));
        Embedder embedder = new EmbedderProducer().embedder(Optional.of("sk-test-only"), openAi.baseUrl() + "/v1",
                "text-embedding-3-small");

        List<float[]> vectors = embedder.embedAll(List.of("Qual o horário?", "Aceitam Unimed?"));

        assertThat(embedder.model()).isEqualTo("openai:text-embedding-3-small");
        assertThat(vectors.get(0)).containsExactly(new float[] { 0.6f, 0.8f, 0f }, within(1e-6f));
        assertThat(Vectors.dot(vectors.get(1), vectors.get(1))).isCloseTo(1f, within(1e-6f));
        String request = openAi.findAll(postRequestedFor(urlEqualTo("/v1/embeddings"))).get(0).getBodyAsString();
        assertThat(request).contains("text-embedding-3-small").contains("Qual o horário?").contains("Aceitam Unimed?");
        assertThat(openAi.findAll(postRequestedFor(urlEqualTo("/v1/embeddings"))).get(0).getHeader("Authorization"))
                .isEqualTo("Bearer sk-test-only");
    }
}
