package br.ft9.tenant.api;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import br.ft9.common.api.PageResponse;
import br.ft9.common.errors.InvalidField;
import br.ft9.common.tenant.Role;
import br.ft9.common.tenant.TenantContext;
import br.ft9.tenant.domain.AuditChain;
import br.ft9.tenant.domain.AuditLog;
import br.ft9.tenant.domain.AuditRecord;
import io.smallrye.mutiny.Uni;

/** An organisation's audit trail: its admins read their own, platform staff any organisation's; and the chain's check. */
@Path("/api/audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Role.ORG_ADMIN_NAME, Role.SUPER_ADMIN_NAME })
public class AuditResource {

    /** One entry as the trail shows it. */
    public record Entry(UUID id, long seq, OffsetDateTime at, String service, String actorKind, UUID actorId, String actorRole,
            String address, String action, String targetType, String targetId, JsonNode before, JsonNode after, String prevHash,
            String hash) {
    }

    private final AuditLog log;
    private final TenantContext tenant;
    private final ObjectMapper json;

    public AuditResource(AuditLog log, TenantContext tenant, ObjectMapper json) {
        this.log = log;
        this.tenant = tenant;
        this.json = json;
    }

    @GET
    @Operation(summary = "Search the organisation's audit trail", description = "Newest first; filter by actor (user id), "
            + "action (\"user.\" for a family), targetType, target, from and to (ISO-8601). Staff name the organisation (orgId).")
    public Uni<PageResponse<Entry>> search(@QueryParam("orgId") String orgId, @QueryParam("actor") String actor,
            @QueryParam("action") String action, @QueryParam("targetType") String targetType, @QueryParam("target") String target,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("50") int size) {
        AuditLog.Query query = new AuditLog.Query(uuid("actor", actor), text("action", action), text("targetType", targetType),
                text("target", target), time("from", from), time("to", to));
        return log.search(organisation(orgId), query, page, size).map(found -> found.map(this::entry));
    }

    @GET
    @Path("chain")
    @Operation(summary = "Check the organisation's audit trail", description = "Every entry rehashed from the first to the "
            + "chain's head: intact, or the first entry that does not hold and why.")
    public Uni<AuditChain.Check> check(@QueryParam("orgId") String orgId) {
        return log.check(organisation(orgId));
    }

    /** An admin's own organisation, whatever they ask; staff must name one. */
    private UUID organisation(String asked) {
        if (!tenant.hasRole(Role.SUPER_ADMIN)) {
            return tenant.orgId();
        }
        UUID orgId = uuid("orgId", asked);
        if (orgId == null) {
            throw new InvalidField("orgId", "staff name the organisation whose trail they read (orgId)");
        }
        return orgId;
    }

    private Entry entry(AuditRecord r) {
        return new Entry(r.id, r.seq, r.at, r.service, r.actorKind, r.actorId, r.actorRole, r.address, r.action, r.targetType,
                r.targetId, tree(r.before), tree(r.after), r.prevHash, r.hash);
    }

    private JsonNode tree(String state) {
        try {
            return state == null ? null : json.readTree(state);
        } catch (Exception e) {
            return json.getNodeFactory().textNode(state);
        }
    }

    private static UUID uuid(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(text.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidField(field, field + " is a UUID");
        }
    }

    private static String text(String field, String text) {
        if (text != null && text.length() > 200) {
            throw new InvalidField(field, field + " is at most 200 characters");
        }
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static OffsetDateTime time(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidField(field, field + " is an ISO-8601 time with its offset, e.g. 2026-11-30T09:00:00-03:00");
        }
    }
}
