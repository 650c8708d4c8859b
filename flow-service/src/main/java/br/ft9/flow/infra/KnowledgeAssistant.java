package br.ft9.flow.infra;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;

import br.ft9.flow.domain.run.Assistant;
import io.smallrye.mutiny.Uni;

/** memory-service as the runs' assistant, through {@link KnowledgeClient} (timeout, retries, circuit breaker). */
@ApplicationScoped
public class KnowledgeAssistant implements Assistant {

    private final KnowledgeClient client;

    public KnowledgeAssistant(KnowledgeClient client) {
        this.client = client;
    }

    @Override
    public Uni<Reply> ask(UUID orgId, String question, String contactId) {
        return client.ask(orgId, question, contactId)
                .<Reply>map(answer -> new Answered(answer.text(), answer.handoff(), answer.sources()))
                .onFailure(KnowledgeClient.Refused.class).recoverWithItem(e -> new Refused(e.getMessage()))
                .onFailure(KnowledgeClient.Unavailable.class).recoverWithItem(e -> new Unavailable(e.getMessage()))
                .onFailure(FaultToleranceException.class)
                .recoverWithItem(e -> new Unavailable("memory-service did not answer in time or is failing"));
    }
}
