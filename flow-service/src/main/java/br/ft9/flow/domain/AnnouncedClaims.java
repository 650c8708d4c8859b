package br.ft9.flow.domain;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import br.ft9.common.outbox.Outbox;
import br.ft9.common.text.MessageClaim;
import br.ft9.flow.events.FlowEvents;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Tells memory-service which messages the organisation's automations answer by themselves ({@link MessageClaims}), so
 * that its assistant stays silent on them: the whole set again after every change to a {@code message_received}
 * automation, in the change's transaction (through the outbox), and once at start for organisations that predate it.
 */
@ApplicationScoped
public class AnnouncedClaims {

    private static final Logger LOG = Logger.getLogger(AnnouncedClaims.class);

    private final AutomationStore store;
    private final CompiledDefinitions definitions;
    private final Outbox outbox;
    private final Clock clock;

    public AnnouncedClaims(AutomationStore store, CompiledDefinitions definitions, Outbox outbox, Clock clock) {
        this.store = store;
        this.definitions = definitions;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Announces the organisation's claims as they stand with the caller's changes, in the caller's transaction. */
    public Uni<Void> announce(UUID orgId) {
        return store.messageAutomationsToAnnounce(orgId).chain(automations -> {
            List<MessageClaim> claims = MessageClaims.of(automations.stream().map(a -> new MessageClaims.Candidate(a.id(), a.name(),
                    true, a.oncePerContact(), definitions.of(a.id(), a.version(), a.definition()))).toList());
            return outbox.append(FlowEvents.AUTOMATIONS_TOPIC, FlowEvents.MESSAGE_CLAIMS_CHANGED, orgId, orgId.toString(),
                    new FlowEvents.MessageClaimsChangedV1(orgId, claims, OffsetDateTime.now(clock)));
        }).chain(() -> store.claimsAnnounced(orgId));
    }

    /** Announces, each in a transaction of its own, the organisations never announced; how many. */
    public Uni<Integer> announceNeverAnnounced() {
        return store.claimsNeverAnnounced().chain(organisations -> Multi.createFrom().iterable(organisations)
                .onItem().transformToUniAndConcatenate(orgId -> Panache.withTransaction(() -> announce(orgId)).replaceWith(true)
                        .onFailure().invoke(failure -> LOG.warnf("the automations' claims of organisation %s were not announced: %s",
                                orgId, failure.getMessage())).onFailure().recoverWithItem(false))
                .filter(Boolean::booleanValue).collect().asList().map(List::size));
    }
}
