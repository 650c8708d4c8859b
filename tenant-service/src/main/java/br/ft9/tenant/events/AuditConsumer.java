package br.ft9.tenant.events;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.databind.ObjectMapper;

import br.ft9.common.audit.AuditRecordedV1;
import br.ft9.common.inbox.EventRoutes;
import br.ft9.common.inbox.ProcessedEvents;
import br.ft9.tenant.domain.AuditLog;
import io.smallrye.mutiny.Uni;

/** Every service's audit entries (ft9.audit, keyed by organisation, so one organisation's arrive in order) onto the trail. */
@ApplicationScoped
public class AuditConsumer {

    static final String CONSUMER = "tenant.audit";

    private final EventRoutes routes;

    public AuditConsumer(ProcessedEvents processed, AuditLog log, ObjectMapper json) {
        this.routes = EventRoutes.of(CONSUMER, processed, json).once(List.of(AuditRecordedV1.TYPE), AuditRecordedV1.class,
                (event, entry) -> log.append(UUID.fromString(event.id()), entry));
    }

    @Incoming("audit")
    public Uni<Void> consume(Message<String> message) {
        return routes.consume(message);
    }
}
