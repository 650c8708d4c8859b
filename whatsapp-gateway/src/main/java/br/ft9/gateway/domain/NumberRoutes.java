package br.ft9.gateway.domain;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import br.ft9.common.copies.KeptCopies;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Which organisation (and business account) each phone number belongs to, kept in memory ({@link KeptCopies}): every
 * webhook asks, and a number changes hands seldom. A copy is forgotten at the database's notification of any change to
 * the number's channel row, from any replica (ChannelChanges), so a disconnected number stops routing at once.
 */
@ApplicationScoped
public class NumberRoutes {

    private static final Logger LOG = Logger.getLogger(NumberRoutes.class);

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

    /** The number's routing, read from the directory (in a session of its own unless within one) when no copy is kept. */
    private Uni<Routing> of(String phoneNumberId) {
        return copies.of(phoneNumberId, () -> Panache.withSession(() -> ChannelRoute.forNumber(phoneNumberId))
                .map(route -> route == null ? Routing.NONE : new Routing(route.orgId, route.wabaId)));
    }

    /**
     * Where {@code what} (a message, a status: for the log) Meta delivered for the number and business account
     * {@code wabaId} goes; {@link Routing#NONE}, with a warning, when it must be dropped: the number is nobody's, or the
     * notification came for another business account than the number's.
     */
    public Uni<Routing> forDelivery(String what, String phoneNumberId, String wabaId) {
        return of(phoneNumberId).map(route -> {
            if (!route.routed()) {
                LOG.warnf("dropped %s for unknown phone_number_id %s", what, phoneNumberId);
                return Routing.NONE;
            }
            if (!WebhookPayload.fromAccountOf(wabaId, route.wabaId())) {
                LOG.warnf("dropped %s for phone_number_id %s delivered for business account %s, not the number's %s", what,
                        phoneNumberId, wabaId, route.wabaId());
                return Routing.NONE;
            }
            return route;
        });
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
