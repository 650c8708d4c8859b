package br.ft9.tenant.api;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestPath;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import br.ft9.common.api.PageResponse;
import br.ft9.common.errors.InvalidField;
import br.ft9.common.tenant.Role;
import br.ft9.common.tenant.TenantContext;
import br.ft9.tenant.domain.DeadLetter;
import br.ft9.tenant.domain.DeadLetterArrival;
import br.ft9.tenant.domain.DeadLetterStatus;
import br.ft9.tenant.domain.DeadLetters;
import io.smallrye.mutiny.Uni;

/** Platform staff's view of the dead letters: list, inspect, replay one or all, discard with a reason. */
@Path("/api/operations/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.SUPER_ADMIN_NAME)
public class DeadLetterResource {

    /** A dead letter in a list. */
    public record Summary(UUID id, String topic, int partition, long offset, String originalTopic, String eventType,
            String eventId, UUID orgId, UUID messageId, String reason, OffsetDateTime deadLetteredAt, DeadLetterStatus status,
            int replays, OffsetDateTime settledAt, UUID settledBy, String discardReason) {

        static Summary of(DeadLetter l) {
            return new Summary(l.id, l.topic, l.kafkaPartition, l.kafkaOffset, l.originalTopic, l.eventType, l.eventId, l.orgId,
                    l.messageId, l.reason, l.deadLetteredAt, l.status, l.replays, l.settledAt, l.settledBy, l.discardReason);
        }
    }

    /** One dead letter whole: its record's key, headers and data (as JSON where it is JSON). */
    public record Detail(Summary summary, String cause, String key, Integer originalPartition, Long originalOffset,
            List<DeadLetterArrival.RecordHeader> headers, JsonNode data, String rawData) {
    }

    /** Why a dead letter is discarded. */
    public record DiscardRequest(String reason) {
    }

    /** Which dead letters "replay all" sends back: every pending one, or those of one dead-letter topic. */
    public record ReplayAllRequest(String topic) {
    }

    private final DeadLetters deadLetters;
    private final TenantContext tenant;
    private final ObjectMapper json;

    public DeadLetterResource(DeadLetters deadLetters, TenantContext tenant, ObjectMapper json) {
        this.deadLetters = deadLetters;
        this.tenant = tenant;
        this.json = json;
    }

    @GET
    @Operation(summary = "List dead letters", description = "Newest first; status (PENDING, REPLAYED, DISCARDED), topic and orgId filter.")
    public Uni<PageResponse<Summary>> list(@QueryParam("status") String status, @QueryParam("topic") String topic,
            @QueryParam("orgId") UUID orgId, @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("20") int size) {
        return deadLetters.list(status(status), topic, orgId, page, size).map(found -> found.map(Summary::of));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Inspect a dead letter", description = "Its reason, the original record's key, headers and data.")
    public Uni<Detail> get(@RestPath UUID id) {
        return deadLetters.get(id).map(this::detail);
    }

    @POST
    @Path("{id}/replay")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Replay a dead letter to its original topic", description = "409 when discarded or not replayable.")
    public Uni<Summary> replay(@RestPath UUID id) {
        return deadLetters.replay(id, tenant.userId()).map(Summary::of);
    }

    @POST
    @Path("replay")
    @Operation(summary = "Replay every pending dead letter", description = "Oldest first, at most 1,000 per call; of one topic if named.")
    public Uni<DeadLetters.Replayed> replayAll(ReplayAllRequest request) {
        return deadLetters.replayAll(request == null ? null : request.topic(), tenant.userId());
    }

    @POST
    @Path("{id}/discard")
    @Operation(summary = "Discard a dead letter with a reason", description = "It is kept, marked discarded, and never replayed.")
    public Uni<Summary> discard(@RestPath UUID id, @Valid @NotNull DiscardRequest request) {
        return deadLetters.discard(id, request.reason(), tenant.userId()).map(Summary::of);
    }

    private Detail detail(DeadLetter l) {
        JsonNode data;
        try {
            data = l.payload == null ? null : json.readTree(l.payload);
        } catch (Exception e) {
            data = null;
        }
        return new Detail(Summary.of(l), l.cause, l.recordKey, l.originalPartition, l.originalOffset, deadLetters.headers(l), data,
                data == null ? l.payload : null);
    }

    private static DeadLetterStatus status(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return DeadLetterStatus.valueOf(status.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidField("status", "status is one of PENDING, REPLAYED, DISCARDED");
        }
    }
}
