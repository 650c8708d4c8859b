package br.ft9.memory.infra;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import br.ft9.memory.domain.Embedder;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;

/**
 * The embedding model: in-process all-MiniLM-L6-v2 unless an OpenAI key is configured, then OpenAI's
 * text-embedding-3-small (or the configured model) at the configured OpenAI-compatible URL.
 */
@ApplicationScoped
public class EmbedderProducer {

    private static final Logger LOG = Logger.getLogger(EmbedderProducer.class);

    @Produces
    @ApplicationScoped
    Embedder embedder(@ConfigProperty(name = "ft9.embedding.openai-api-key") java.util.Optional<String> key,
            @ConfigProperty(name = "ft9.embedding.openai-base-url", defaultValue = "https://api.openai.com/v1") String baseUrl,
            @ConfigProperty(name = "ft9.embedding.openai-model", defaultValue = "text-embedding-3-small") String modelName) {
        return of(key.orElse(""), baseUrl, modelName);
    }

    /** The in-process model without a key, else the OpenAI-compatible one (also what deploy/local/eval.sh measures). */
    public static Embedder of(String apiKey, String baseUrl, String modelName) {
        if (apiKey.isBlank()) {
            LOG.info("embeddings: in-process all-MiniLM-L6-v2");
            return new LocalEmbedder();
        }
        LOG.infof("embeddings: OpenAI %s", modelName);
        OpenAiEmbeddingModel model = OpenAiEmbeddingModel.builder().apiKey(apiKey).baseUrl(baseUrl).modelName(modelName)
                .timeout(Duration.ofSeconds(20)).maxRetries(2).build();
        return new Embedder() {
            @Override
            public String model() {
                return "openai:" + modelName;
            }

            @Override
            public List<float[]> embedAll(List<String> texts) {
                return model.embedAll(texts.stream().map(TextSegment::from).toList()).content().stream()
                        .map(e -> Embedder.normalise(e.vector())).toList();
            }
        };
    }
}
