package br.ft9.tenant.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import br.ft9.common.api.PageResponse;
import br.ft9.common.errors.Conflict;
import br.ft9.common.errors.InvalidField;
import br.ft9.common.errors.NotFound;
import br.ft9.common.inbox.ForgottenDeliveries;
import br.ft9.common.audit.Actor;
import br.ft9.common.audit.AuditAction;
import br.ft9.common.audit.AuditTrail;
import br.ft9.common.outbox.Outbox;
import br.ft9.tenant.events.ContactErasedV1;
import br.ft9.tenant.events.DeadLetterNoticeV1;
import br.ft9.tenant.events.TenantEvents;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The platform's dead letters in one place: each record a consumer could not apply is kept as it arrived, and platform
 * staff replay it to its original topic after a fix (consumers apply an event once by its id, so a replay of something
 * that was applied meanwhile changes nothing, while they remember it) or discard it with a reason. The organisation hears
 * of each step, for the journey of the message concerned.
 */
@ApplicationScoped
public class DeadLetters {

    /** How many pending dead letters one "replay all" sends back, oldest first. */
    public static final int REPLAY_ALL_LIMIT = 1000;

    /** What "replay all" did. */
    public record Replayed(int replayed, int refused) {
    }

    private static final TypeReference<List<DeadLetterArrival.RecordHeader>> HEADERS = new TypeReference<>() {
    };

    private final Outbox outbox;
    private final Republisher republisher;
    private final ContactTraces contactTraces;
    private final ObjectMapper json;
    private final Clock clock;
    private final AuditTrail audit;
    private final Duration rememberFor;

    public DeadLetters(Outbox outbox, Republisher republisher, ContactTraces contactTraces, ObjectMapper json, Clock clock,
            AuditTrail audit, @ConfigProperty(name = ForgottenDeliveries.REMEMBER_FOR) Duration rememberFor) {
        this.audit = audit;
        this.rememberFor = rememberFor;
        this.outbox = outbox;
        this.republisher = republisher;
        this.contactTraces = contactTraces;
        this.json = json;
        this.clock = clock;
    }

    /** Keeps a dead letter as it arrived; the same record read again (a redelivery) is kept once. */
    public Uni<Void> record(DeadLetterArrival arrival) {
        return Panache.withTransaction(() -> DeadLetter.<DeadLetter>find("topic = ?1 and kafkaPartition = ?2 and kafkaOffset = ?3",
                arrival.topic(), arrival.partition(), arrival.offset()).firstResult().chain(known -> {
                    if (known != null) {
                        return Uni.createFrom().voidItem();
                    }
                    DeadLetter letter = new DeadLetter();
                    letter.id = UUID.randomUUID();
                    letter.topic = arrival.topic();
                    letter.kafkaPartition = arrival.partition();
                    letter.kafkaOffset = arrival.offset();
                    letter.originalTopic = arrival.originalTopic();
                    letter.originalPartition = arrival.originalPartition();
                    letter.originalOffset = arrival.originalOffset();
                    letter.recordKey = arrival.key();
                    letter.eventId = arrival.eventId();
                    letter.eventType = arrival.eventType();
                    letter.orgId = arrival.orgId();
                    letter.messageId = arrival.messageId();
                    letter.reason = arrival.reason();
                    letter.cause = arrival.cause();
                    letter.headers = write(arrival.headers());
                    letter.payload = arrival.payload();
                    letter.deadLetteredAt = arrival.at() != null ? arrival.at() : now();
                    letter.status = DeadLetterStatus.PENDING;
                    return letter.persist().chain(() -> notice(letter, TenantEvents.DEAD_LETTER_RECORDED, letter.reason,
                            letter.deadLetteredAt));
                }));
    }

    /** A page of dead letters, newest first, filtered by status, dead-letter topic and organisation (each optional). */
    public Uni<PageResponse<DeadLetter>> list(DeadLetterStatus status, String topic, UUID orgId, int page, int size) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        if (status != null) {
            where.append(" and status = :status");
            parameters.and("status", status);
        }
        if (topic != null && !topic.isBlank()) {
            where.append(" and topic = :topic");
            parameters.and("topic", topic);
        }
        if (orgId != null) {
            where.append(" and orgId = :orgId");
            parameters.and("orgId", orgId);
        }
        return Panache.withSession(() -> PageResponse.of(DeadLetter.find(where.toString(),
                Sort.descending("deadLetteredAt").and("kafkaOffset", Sort.Direction.Descending), parameters), page, size));
    }

    public Uni<DeadLetter> get(UUID id) {
        return Panache.withSession(() -> found(id));
    }

    /** The original record's headers. */
    public List<DeadLetterArrival.RecordHeader> headers(DeadLetter letter) {
        try {
            return json.readValue(letter.headers, HEADERS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("dead letter " + letter.id + " keeps unreadable headers", e);
        }
    }

    /**
     * Sends the dead letter back to its original topic with its key, data and headers (the dead-letter ones left out),
     * then marks it replayed. A failed send leaves it as it was; a replay may be repeated (after another fix).
     */
    public Uni<DeadLetter> replay(UUID id, UUID staff) {
        Actor actor = AuditTrail.currentActor(); // read on the request's thread: the replay goes on after Kafka's answer
        return Panache.withSession(() -> found(id)).chain(letter -> replay(letter, staff, actor));
    }

    /** Replays every pending dead letter (of one dead-letter topic, if named), oldest first, one after the other. */
    public Uni<Replayed> replayAll(String topic, UUID staff) {
        Actor actor = AuditTrail.currentActor();
        String where = "status = ?1" + (topic == null || topic.isBlank() ? "" : " and topic = ?2");
        Object[] parameters = topic == null || topic.isBlank() ? new Object[] { DeadLetterStatus.PENDING }
                : new Object[] { DeadLetterStatus.PENDING, topic };
        return Panache.withSession(() -> DeadLetter.<DeadLetter>find(where, Sort.ascending("deadLetteredAt", "kafkaOffset"), parameters)
                .page(0, REPLAY_ALL_LIMIT).list())
                .chain(letters -> {
                    List<DeadLetter> replayable = new ArrayList<>();
                    for (DeadLetter letter : letters) {
                        if (decide(letter) instanceof Replayability.Replay) {
                            replayable.add(letter);
                        }
                    }
                    int refused = letters.size() - replayable.size();
                    return Multi.createFrom().iterable(replayable).onItem().transformToUniAndConcatenate(letter -> replay(letter, staff, actor))
                            .collect().asList().map(done -> new Replayed(done.size(), refused));
                });
    }

    /** Sets a dead letter aside for good, with the staff's reason (kept, and told to the organisation). */
    public Uni<DeadLetter> discard(UUID id, String reason, UUID staff) {
        if (reason == null || reason.isBlank()) {
            return Uni.createFrom().failure(new InvalidField("reason", "say why the dead letter is discarded"));
        }
        if (reason.length() > 500) {
            return Uni.createFrom().failure(new InvalidField("reason", "reason is at most 500 characters"));
        }
        return Panache.withTransaction(() -> found(id).chain(letter -> {
            if (letter.status == DeadLetterStatus.DISCARDED) {
                return Uni.createFrom().failure(new Conflict("status", "the dead letter was already discarded"));
            }
            letter.status = DeadLetterStatus.DISCARDED;
            letter.discardReason = reason.strip();
            letter.settledAt = now();
            letter.settledBy = staff;
            return notice(letter, TenantEvents.DEAD_LETTER_DISCARDED, letter.discardReason, letter.settledAt)
                    .chain(() -> staffAction(AuditTrail.currentActor(), letter, AuditAction.DEAD_LETTER_DISCARDED))
                    .replaceWith(letter);
        }));
    }

    private Uni<DeadLetter> replay(DeadLetter letter, UUID staff, Actor actor) {
        Replayability.Decision decision = decide(letter);
        if (decision instanceof Replayability.Refuse refuse) {
            return Uni.createFrom().failure(new Conflict("status", refuse.reason()));
        }
        Replayability.Replay replay = (Replayability.Replay) decision;
        List<DeadLetterArrival.RecordHeader> original = headers(letter).stream().filter(h -> !h.addedByDeadLettering()).toList();
        return republisher.republish(replay.topic(), letter.recordKey, original, letter.payload)
                .chain(() -> Panache.withTransaction(() -> found(letter.id).chain(current -> {
                    current.status = DeadLetterStatus.REPLAYED;
                    current.replays++;
                    current.settledAt = now();
                    current.settledBy = staff;
                    return notice(current, TenantEvents.DEAD_LETTER_REPLAYED, null, current.settledAt)
                            .chain(() -> staffAction(actor, current, AuditAction.DEAD_LETTER_REPLAYED)).replaceWith(current);
                })));
    }

    private Replayability.Decision decide(DeadLetter letter) {
        return Replayability.decide(letter.status, letter.originalTopic, letter.eventType, letter.payload != null,
                Duration.between(letter.deadLetteredAt, now()), rememberFor);
    }

    private static Uni<DeadLetter> found(UUID id) {
        return DeadLetter.<DeadLetter>findById(id).onItem().ifNull().failWith(() -> new NotFound("no such dead letter"));
    }

    /** Tells the organisation concerned (none known: nobody to tell). */
    private Uni<Void> notice(DeadLetter letter, String type, String reason, OffsetDateTime at) {
        if (letter.orgId == null) {
            return Uni.createFrom().voidItem();
        }
        return outbox.append(TenantEvents.TOPIC, type, letter.orgId, new DeadLetterNoticeV1(letter.id, letter.orgId, letter.messageId,
                letter.topic, letter.originalTopic, letter.eventType, letter.eventId, reason, letter.status.name(), at))
                .replaceWithVoid();
    }

    /** Staff's action on the organisation's dead letter, in its trail (none known: no trail to write in). */
    private Uni<Void> staffAction(Actor actor, DeadLetter letter, AuditAction action) {
        if (letter.orgId == null) {
            return Uni.createFrom().voidItem();
        }
        return audit.record(actor, letter.orgId, action, "dead_letter", letter.id, null, java.util.Map.of("topic", letter.topic,
                "eventType", String.valueOf(letter.eventType), "status", letter.status.name(), "discardReason",
                String.valueOf(letter.discardReason)));
    }

    private String write(List<DeadLetterArrival.RecordHeader> headers) {
        try {
            return json.writeValueAsString(headers == null ? List.of() : headers);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("headers that cannot be written", e);
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }

    /**
     * A contact's erasure: the dead letters whose record carries the contact (their id or number) keep nothing of it
     * (data, headers, key, failure text); a pending one is discarded, since there is nothing left to replay. Then
     * confirms, inside the consumer's transaction.
     */
    public Uni<Void> forgetContact(UUID erasureId, UUID orgId, UUID contactId, String waId) {
        return contactTraces.forget(orgId, contactId, waId, "the contact's data was erased at their request")
                .chain(() -> outbox.forgetPublished(orgId, contactId.toString(), waId))
                .chain(() -> outbox.append(TenantEvents.TOPIC, TenantEvents.CONTACT_ERASED, orgId, new ContactErasedV1(erasureId, orgId,
                        contactId, "tenant-service", now())))
                .replaceWithVoid();
    }
}
