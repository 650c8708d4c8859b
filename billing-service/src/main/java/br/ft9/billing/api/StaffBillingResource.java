package br.ft9.billing.api;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import br.ft9.billing.domain.Subscriptions;
import br.ft9.common.tenant.Role;
import io.smallrye.mutiny.Uni;

/** Platform staff's hand on an organisation's subscription: plans without charges where there is no Stripe, ending one at once. */
@Path("/api/billing/organizations/{orgId}/subscription")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.SUPER_ADMIN_NAME)
public class StaffBillingResource {

    private final Subscriptions subscriptions;

    public StaffBillingResource(Subscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    @PUT
    @Operation(summary = "Set a plan without charges (no Stripe configured)", description = "409 where Stripe is configured.")
    public Uni<BillingResource.SubscriptionResponse> set(@RestPath UUID orgId, @Valid @NotNull BillingResource.PlanRequest request) {
        return subscriptions.setWithoutCharges(orgId, BillingResource.plan(request))
                .map(a -> BillingResource.SubscriptionResponse.of(a, subscriptions.chargesEnabled()));
    }

    @DELETE
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Cancel an organisation's subscription", description = "now=true ends it at once; otherwise at the period's end.")
    public Uni<BillingResource.SubscriptionResponse> cancel(@RestPath UUID orgId, @RestQuery boolean now) {
        return subscriptions.cancel(orgId, now).map(a -> BillingResource.SubscriptionResponse.of(a, subscriptions.chargesEnabled()));
    }
}
