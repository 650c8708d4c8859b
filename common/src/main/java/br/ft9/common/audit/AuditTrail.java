package br.ft9.common.audit;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import br.ft9.common.outbox.Outbox;
import br.ft9.common.tenant.Role;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InstanceHandle;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Writes an entry of the organisation's audit trail into the service's outbox, in the caller's transaction: the entry
 * exists if and only if the change does. Who did it is read from the verified token of the request being served (the
 * platform when there is none: a schedule, a consumed event); tenant-service chains and keeps the entries.
 */
@ApplicationScoped
public class AuditTrail {

    private final Outbox outbox;
    private final ObjectMapper json;
    private final Clock clock;
    private final String service;

    public AuditTrail(Outbox outbox, ObjectMapper json, Clock clock,
            @ConfigProperty(name = "quarkus.application.name") String service) {
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
        this.service = service;
    }

    /** Records what the caller of the current request did. Call inside the change's {@code @WithTransaction}. */
    public Uni<Void> record(UUID orgId, AuditAction action, String targetType, Object targetId, Object before, Object after) {
        return record(currentActor(), orgId, action, targetType, targetId, before, after);
    }

    /** Records what the given actor did (the platform reacting to Stripe, say). */
    public Uni<Void> record(Actor actor, UUID orgId, AuditAction action, String targetType, Object targetId, Object before,
            Object after) {
        AuditRecordedV1 entry = new AuditRecordedV1(orgId, service, actor.kind(), actor.userId(), actor.role(), actor.address(),
                action.wireName(), targetType, targetId == null ? null : targetId.toString(), state(before), state(after),
                clock.instant().truncatedTo(ChronoUnit.MICROS));
        return outbox.append(AuditRecordedV1.TOPIC, AuditRecordedV1.TYPE, orgId, entry).replaceWithVoid();
    }

    private JsonNode state(Object state) {
        return state == null ? null : json.valueToTree(state);
    }

    /**
     * The actor of the HTTP request being served: the verified token's subject and role (staff when it carries
     * SUPER_ADMIN, a service for client credentials) and the client's address as the ingress forwarded it; the platform
     * when no request is being served (a schedule, a consumed event) or nobody signed in (a webhook). Read from the
     * request's own security identity, never by resolving it: that would block the event loop.
     */
    public static Actor currentActor() {
        if (!Arc.container().requestContext().isActive()) {
            return Actor.PLATFORM;
        }
        RoutingContext request;
        try (InstanceHandle<CurrentVertxRequest> handle = Arc.container().instance(CurrentVertxRequest.class)) {
            request = handle.isAvailable() ? handle.get().getCurrent() : null;
        }
        if (request == null) {
            return Actor.PLATFORM;
        }
        String address = address(request);
        SecurityIdentity identity = request.user() instanceof QuarkusHttpUser user ? user.getSecurityIdentity() : null;
        if (identity == null || identity.isAnonymous()) {
            return new Actor(Actor.Kind.PLATFORM, null, null, address);
        }
        Set<String> groups = identity.getPrincipal() instanceof JsonWebToken token && token.getGroups() != null ? token.getGroups()
                : identity.getRoles();
        Optional<String> role = Optional.<String>empty();
        for (Role r : Role.values()) {
            if (groups.contains(r.name())) {
                role = Optional.of(r.name());
                break;
            }
        }
        Actor.Kind kind = groups.contains(Role.SUPER_ADMIN_NAME) ? Actor.Kind.STAFF
                : groups.contains(Role.SERVICE_NAME) ? Actor.Kind.SERVICE : Actor.Kind.MEMBER;
        String subject = identity.getPrincipal() instanceof JsonWebToken token ? token.getSubject() : identity.getPrincipal().getName();
        return new Actor(kind, uuid(subject), kind == Actor.Kind.SERVICE ? Role.SERVICE_NAME : role.orElse(null), address);
    }

    private static String address(RoutingContext request) {
        // Behind the ingress the client is the first address it forwarded; without one, the peer itself.
        String forwarded = request.request().getHeader("X-Forwarded-For");
        if (forwarded != null && !forwarded.isBlank()) {
            return forwarded.split(",")[0].trim();
        }
        return request.request().remoteAddress() == null ? null : request.request().remoteAddress().hostAddress();
    }

    private static UUID uuid(String text) {
        try {
            return text == null ? null : UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
