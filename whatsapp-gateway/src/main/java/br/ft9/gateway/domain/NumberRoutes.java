package br.ft9.gateway.domain;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import br.ft9.common.copies.KeptCopies;
import io.smallrye.mutiny.Uni;

/**
 * Which organisation (and business account) each phone number belongs to, kept in memory ({@link KeptCopies}): every
 * webhook asks, and a number changes hands seldom. A copy is forgotten at the database's notification of any change to
 * the number's channel row, from any replica (ChannelChanges), so a disconnected number stops routing at once.
 */
@ApplicationScoped
public class NumberRoutes {

    /** Where a number's messages go; {@link #NONE} for a number no organisation has connected. */
    public record Routing(UUID orgId, String wabaId) {
        public static final Routing NONE = new Routing(null, null);

        public boolean routed() {
            return orgId != null;
        }
    }

    private final KeptCopies<String, Routing> copies;

    public NumberRoutes(GatewaySettings settings) {
        this.copies = new KeptCopies<>(settings.routeCacheTtl(), settings.routeCacheSize());
    }

    /** The number's routing, read from the directory when no copy is kept; call within a session. */
    public Uni<Routing> of(String phoneNumberId) {
        return copies.of(phoneNumberId, () -> ChannelRoute.forNumber(phoneNumberId)
                .map(route -> route == null ? Routing.NONE : new Routing(route.orgId, route.wabaId)));
    }

    /** The number's channel changed (connected, reconnected, disconnected). */
    public void forget(String phoneNumberId) {
        copies.forget(phoneNumberId);
    }

    /** Changes may have been missed (the listening connection was away). */
    public void forgetAll() {
        copies.forgetAll();
    }
}
