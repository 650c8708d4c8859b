package br.ft9.tenant.domain;

import jakarta.enterprise.context.ApplicationScoped;

import br.ft9.common.errors.Conflict;
import br.ft9.common.errors.DatabaseErrors;
import br.ft9.common.outbox.Outbox;
import br.ft9.tenant.events.OrganizationCreatedV1;
import br.ft9.tenant.events.TenantEvents;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Opens organisations and tells the other services, through the outbox, in the same transaction. */
@ApplicationScoped
public class Organizations {

    private final Outbox outbox;

    public Organizations(Outbox outbox) {
        this.outbox = outbox;
    }

    @WithTransaction
    public Uni<Organization> open(NewOrganization settings) {
        return Organization.count("slug", settings.slug())
                .chain(taken -> {
                    if (taken > 0) {
                        return Uni.createFrom().failure(slugTaken(settings.slug()));
                    }
                    Organization organization = Organization.open(settings);
                    return organization.<Organization>persistAndFlush()
                            .call(created -> outbox.append(TenantEvents.TOPIC, OrganizationCreatedV1.TYPE, created.id,
                                    OrganizationCreatedV1.of(created)));
                })
                .onFailure(DatabaseErrors::isUniqueViolation).transform(e -> slugTaken(settings.slug()));
    }

    private static Conflict slugTaken(String slug) {
        return new Conflict("slug", "an organisation with slug '" + slug + "' already exists");
    }
}
