package br.ft9.memory.infra;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import br.ft9.memory.domain.Embedder;
import br.ft9.memory.domain.PortugueseText;
import io.quarkus.runtime.StartupEvent;

/**
 * Loads the in-process embedding model and the pt-BR dictionary as the service starts, on a thread of its own, and
 * keeps the service not ready until it has embedded and stemmed a first text: each takes seconds on two cores, which
 * the first patient's question (or an event loop that touched them first) would otherwise wait for. A remote model
 * needs no warming.
 */
@Readiness
@ApplicationScoped
public class EmbedderWarmUp implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(EmbedderWarmUp.class);

    private volatile boolean warm;

    void start(@Observes StartupEvent started, Embedder embedder, PortugueseText portuguese) {
        Thread warming = new Thread(() -> {
            long begun = System.nanoTime();
            try {
                portuguese.terms("Qual o horário de atendimento?");
                if (LocalEmbedder.MODEL.equals(embedder.model())) {
                    embedder.embedAll(List.of("Qual o horário de atendimento?"));
                }
                warm = true;
                LOG.infof("embedding model ready in %d ms", (System.nanoTime() - begun) / 1_000_000);
            } catch (RuntimeException e) {
                LOG.errorf(e, "the embedding model could not be loaded");
            }
        }, "embedding-model-warm-up");
        warming.setDaemon(true);
        warming.start();
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("embedding model").status(warm).build();
    }
}
