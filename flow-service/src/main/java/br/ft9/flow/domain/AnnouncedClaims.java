package br.ft9.flow.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import br.ft9.common.outbox.Outbox;
import br.ft9.common.text.MessageClaim;
import br.ft9.flow.domain.definition.AutomationDefinition;
import br.ft9.flow.domain.run.RunMessages;
import br.ft9.flow.events.FlowEvents;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Tells memory-service which messages the organisation's automations answer by themselves ({@link MessageClaims}), so
 * that its assistant stays silent on them: the whole set again after every change to a {@code message_received}
 * automation or to the plan's limits, in the change's transaction (through the outbox), and once for organisations that
 * predate it. When the plan has no automation runs left this month, the claims are withdrawn at the first run refused
 * (the message it was for is handed to the team, since the assistant left it) and announced again once runs are left.
 */
@ApplicationScoped
public class AnnouncedClaims {

    private static final Logger LOG = Logger.getLogger(AnnouncedClaims.class);
    static final String RUNS_USED_UP = "the plan's automation runs for this month are used up";

    private final AutomationStore store;
    private final CompiledDefinitions definitions;
    private final Outbox outbox;
    private final RunMessages messages;
    /**
     * memory-service reads a withdrawal within moments: a claimed message refused this soon after it may still have been
     * left to the automation by the assistant, so it goes to the team (and may then have an answer too).
     */
    private final Duration grace;
    private final Clock clock;

    public AnnouncedClaims(AutomationStore store, CompiledDefinitions definitions, Outbox outbox, RunMessages messages,
            FlowSettings settings, Clock clock) {
        this.store = store;
        this.grace = settings.claimsWithdrawalGrace();
        this.definitions = definitions;
        this.outbox = outbox;
        this.messages = messages;
        this.clock = clock;
    }

    /** Announces the organisation's claims as they stand with the caller's changes, in the caller's transaction. */
    public Uni<Void> announce(UUID orgId) {
        String period = Automations.period(clock);
        return store.messageAutomationsToAnnounce(orgId).chain(automations -> store.runsLeft(orgId, period).chain(runsLeft -> {
            List<MessageClaim> claims = MessageClaims.of(automations.stream().map(a -> new MessageClaims.Candidate(a.id(), a.name(),
                    true, a.oncePerContact(), definitions.of(a.id(), a.version(), a.definition()))).toList(), runsLeft);
            return outbox.append(FlowEvents.AUTOMATIONS_TOPIC, FlowEvents.MESSAGE_CLAIMS_CHANGED, orgId, orgId.toString(),
                    new FlowEvents.MessageClaimsChangedV1(orgId, claims, OffsetDateTime.now(clock)))
                    .chain(() -> store.claimsAnnounced(orgId, runsLeft ? null : period));
        }));
    }

    /** After a change to the plan's limits: announces again an organisation announced before (runs may be left, or not). */
    public Uni<Void> limitsChanged(UUID orgId) {
        return store.claimsEverAnnounced(orgId).chain(announced -> announced ? announce(orgId) : Uni.createFrom().voidItem());
    }

    /**
     * The automation's run for a trigger event was refused, the plan having no runs left this month: the first refusal
     * withdraws the organisation's claims, so the assistant answers those messages again; the message this run was for
     * goes to the team when the automation claimed it and the claims stood until just now (the assistant left it to the
     * automation). In the caller's transaction.
     */
    public Uni<Void> runRefused(Automation automation, AutomationDefinition definition, String waId, ObjectNode facts) {
        return store.claimsWithdrawal(automation.orgId, Automations.period(clock), grace).chain(withdrawal -> switch (withdrawal) {
            case NONE -> announce(automation.orgId).chain(() -> handOffIfClaimed(automation, definition, waId, facts));
            case RECENT -> handOffIfClaimed(automation, definition, waId, facts);
            case EARLIER -> Uni.createFrom().voidItem();
        });
    }

    /** Whether the automation, while active, answers the messages it matches by itself (the assistant leaving them to it). */
    public boolean claimsWhenActive(Automation automation) {
        try {
            return claims(automation, definitions.of(automation.id, automation.version, automation.definition));
        } catch (IllegalStateException noLongerCompiles) {
            return false;
        }
    }

    /** By the rule alone, which only a keyword or pattern trigger on a message passes. */
    private static boolean claims(Automation automation, AutomationDefinition definition) {
        return definition != null && MessageClaims.of(new MessageClaims.Candidate(automation.id, automation.name, true,
                automation.oncePerContact, definition)).isPresent();
    }

    private Uni<Void> handOffIfClaimed(Automation automation, AutomationDefinition definition, String waId, ObjectNode facts) {
        if (!claims(automation, definition)) {
            return Uni.createFrom().voidItem();
        }
        JsonNode trigger = facts.path("trigger");
        return messages.handOff(new FlowEvents.HandoffRequestedV1(automation.orgId, Facts.uuid(trigger.path("conversationId").asText(null)),
                Facts.uuid(facts.path("contact").path("contactId").asText(null)), waId, RUNS_USED_UP, null,
                Facts.uuid(trigger.path("messageId").asText(null))));
    }

    /**
     * Announces, each in a transaction of its own, the organisations due an announcement with no change made (never
     * announced, or withdrawn for want of runs and now with runs left); how many.
     */
    public Uni<Integer> announceDue() {
        return store.claimsDue(Automations.period(clock)).chain(organisations -> Multi.createFrom().iterable(organisations)
                .onItem().transformToUniAndConcatenate(orgId -> Panache.withTransaction(() -> announce(orgId)).replaceWith(true)
                        .onFailure().invoke(failure -> LOG.warnf("the automations' claims of organisation %s were not announced: %s",
                                orgId, failure.getMessage())).onFailure().recoverWithItem(false))
                .filter(Boolean::booleanValue).collect().asList().map(List::size));
    }
}
