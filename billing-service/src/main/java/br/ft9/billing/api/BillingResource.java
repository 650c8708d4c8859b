package br.ft9.billing.api;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import br.ft9.billing.domain.BillingAccount;
import br.ft9.billing.domain.BillingState;
import br.ft9.billing.domain.Plan;
import br.ft9.billing.domain.Subscriptions;
import br.ft9.billing.domain.Usage;
import br.ft9.common.errors.InvalidField;
import br.ft9.common.tenant.Role;
import br.ft9.common.tenant.TenantContext;
import io.smallrye.mutiny.Uni;

/** An organisation's plan, subscription, customer portal and use. */
@Path("/api/billing")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class BillingResource {

    private final Subscriptions subscriptions;
    private final Usage usage;
    private final TenantContext tenant;

    public BillingResource(Subscriptions subscriptions, Usage usage, TenantContext tenant) {
        this.subscriptions = subscriptions;
        this.usage = usage;
        this.tenant = tenant;
    }

    /** A plan with its limits and monthly price (BRL cents); {@code available} when it can be bought here. */
    public record PlanResponse(String name, long monthlyPriceCents, String currency, Plan.Limits limits, boolean available) {
    }

    /** {@code charges} false: Stripe is not configured, nothing is charged and staff set plans. */
    public record PlansResponse(boolean charges, List<PlanResponse> items) {
    }

    public record PlanRequest(@NotBlank String plan) {
    }

    /** The subscription: the plan whose limits apply, Stripe's status, the period, a downgrade waiting for its end. */
    public record SubscriptionResponse(String plan, String status, OffsetDateTime currentPeriodEnd, boolean cancelAtPeriodEnd,
            String pendingPlan, OffsetDateTime pendingFrom, Plan.Limits limits, boolean charges) {
        static SubscriptionResponse of(BillingAccount account, boolean charges) {
            BillingState state = account.state();
            Plan effective = state.effectivePlan();
            return new SubscriptionResponse(effective.name(), account.status, account.currentPeriodEnd, account.cancelAtPeriodEnd,
                    account.pendingPlan, account.pendingFrom, effective.limits(), charges);
        }
    }

    public record UrlResponse(String url) {
    }

    @GET
    @Path("/plans")
    @RolesAllowed({ Role.ORG_ADMIN_NAME, Role.ORG_MANAGER_NAME, Role.ORG_AGENT_NAME, Role.SUPER_ADMIN_NAME })
    @Operation(summary = "The plans and what each allows", description = "charges=false: Stripe is not configured here; nothing is charged and platform staff set plans.")
    public PlansResponse plans() {
        boolean charges = subscriptions.chargesEnabled();
        return new PlansResponse(charges, Arrays.stream(Plan.values()).map(p -> new PlanResponse(p.name(), p.monthlyPriceCents(), "BRL",
                p.limits(), subscriptions.purchasable(p))).toList());
    }

    @GET
    @Path("/subscription")
    @RolesAllowed({ Role.ORG_ADMIN_NAME, Role.ORG_MANAGER_NAME })
    @Operation(summary = "The organisation's subscription")
    public Uni<SubscriptionResponse> subscription() {
        return subscriptions.account(tenant.orgId()).map(a -> SubscriptionResponse.of(a, subscriptions.chargesEnabled()));
    }

    @POST
    @Path("/subscription")
    @RolesAllowed(Role.ORG_ADMIN_NAME)
    @Operation(summary = "Subscribe: a Stripe Checkout page for the plan", description = "Answers the URL to send the admin to; "
            + "the subscription starts when Stripe reports the payment (webhook). 409 with a subscription already, or without Stripe.")
    public Uni<UrlResponse> subscribe(@Valid @NotNull PlanRequest request) {
        return subscriptions.checkout(tenant.orgId(), plan(request), null).map(UrlResponse::new);
    }

    @PUT
    @Path("/subscription")
    @RolesAllowed(Role.ORG_ADMIN_NAME)
    @Operation(summary = "Change plan", description = "An upgrade applies now, prorated and invoiced at once; a downgrade is billed "
            + "from the next period and the current limits stay until this one ends (pendingPlan, pendingFrom).")
    public Uni<SubscriptionResponse> change(@Valid @NotNull PlanRequest request) {
        return subscriptions.changePlan(tenant.orgId(), plan(request)).map(a -> SubscriptionResponse.of(a, subscriptions.chargesEnabled()));
    }

    @DELETE
    @Path("/subscription")
    @RolesAllowed(Role.ORG_ADMIN_NAME)
    @Operation(summary = "Cancel at the end of the period", description = "The plan stays until then; staff can end it at once.")
    public Uni<SubscriptionResponse> cancel() {
        return subscriptions.cancel(tenant.orgId(), false).map(a -> SubscriptionResponse.of(a, subscriptions.chargesEnabled()));
    }

    @POST
    @Path("/portal")
    @RolesAllowed(Role.ORG_ADMIN_NAME)
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "A Stripe Billing Portal session", description = "Payment methods and invoices; answers the URL.")
    public Uni<UrlResponse> portal() {
        return subscriptions.portal(tenant.orgId()).map(UrlResponse::new);
    }

    @GET
    @Path("/usage")
    @RolesAllowed({ Role.ORG_ADMIN_NAME, Role.ORG_MANAGER_NAME })
    @Operation(summary = "This month's use against the plan", description = "Counted from the services' events: messages received "
            + "(the plan's monthly limit) and answers given by the assistant.")
    public Uni<Usage.Report> usage() {
        return usage.report(tenant.orgId());
    }

    static Plan plan(PlanRequest request) {
        return Plan.named(request.plan()).orElseThrow(() -> new InvalidField("plan", "plan is STARTER, PROFESSIONAL or ENTERPRISE"));
    }
}
