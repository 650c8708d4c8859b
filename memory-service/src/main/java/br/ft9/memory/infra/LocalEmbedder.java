package br.ft9.memory.infra;

import java.util.List;

import br.ft9.memory.domain.Embedder;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;

/** all-MiniLM-L6-v2 running in this process (ONNX, 384 dimensions): no network, no account. */
public final class LocalEmbedder implements Embedder {

    public static final String MODEL = "all-minilm-l6-v2";

    private final AllMiniLmL6V2EmbeddingModel model = new AllMiniLmL6V2EmbeddingModel();

    @Override
    public String model() {
        return MODEL;
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        return model.embedAll(texts.stream().map(TextSegment::from).toList()).content().stream()
                .map(e -> Embedder.normalise(e.vector())).toList();
    }
}
