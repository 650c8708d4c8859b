package br.ft9.memory.infra;

import br.ft9.memory.domain.Writer;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * An OpenAI-compatible chat model (OpenAI, or Ollama and the like at their URL) through langchain4j,
 * when one is configured. Calls run on a worker thread, time out, retry once, and stop for a while when
 * the model keeps failing (the caller then answers extractively).
 */
@ApplicationScoped
public class LanguageModel implements Writer {

    private final ChatModel model;
    private final Vertx vertx;
    private final String name;

    public LanguageModel(Vertx vertx, @ConfigProperty(name = "ft9.llm.base-url") java.util.Optional<String> url,
            @ConfigProperty(name = "ft9.llm.api-key") java.util.Optional<String> key,
            @ConfigProperty(name = "ft9.llm.model", defaultValue = "gpt-4o-mini") String modelName) {
        String baseUrl = url.orElse("");
        String apiKey = key.orElse("");
        this.vertx = vertx;
        this.name = modelName;
        if (baseUrl.isBlank() && apiKey.isBlank()) {
            this.model = null;
        } else {
            this.model = OpenAiChatModel.builder()
                    .baseUrl(baseUrl.isBlank() ? "https://api.openai.com/v1" : baseUrl)
                    .apiKey(apiKey.isBlank() ? "none" : apiKey)
                    .modelName(modelName).temperature(0.2).timeout(Duration.ofSeconds(25)).maxRetries(1)
                    .build();
        }
    }

    @Override
    public boolean configured() {
        return model != null;
    }

    @Override
    public String name() {
        return name;
    }

    @Timeout(value = 30, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 30, delayUnit = ChronoUnit.SECONDS)
    @Override
    public Uni<String> complete(String system, String user) {
        return vertx.executeBlocking(() -> model.chat(SystemMessage.from(system), UserMessage.from(user)).aiMessage().text(),
                false);
    }
}
