package br.ft9.billing.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

/** The rules of subscription state, without Quarkus: ordering, downgrades at the period's end, what is announced. */
class SubscriptionRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final Function<String, Optional<Plan>> PRICES = price -> Optional.ofNullable(Map.of(
            "price_s", Plan.STARTER, "price_p", Plan.PROFESSIONAL, "price_e", Plan.ENTERPRISE).get(price));

    private static SubscriptionSnapshot snapshot(String status, String price, Instant asOf) {
        return new SubscriptionSnapshot("sub_1", "cus_1", UUID.randomUUID(), status, price, "si_1", NOW.plusSeconds(86_400 * 20),
                false, asOf);
    }

    @Test
    void a_first_active_subscription_activates_its_plan() {
        SubscriptionRules.Outcome outcome = SubscriptionRules.apply(BillingState.none(), snapshot("active", "price_p", NOW), PRICES, NOW);
        assertThat(outcome.announcement()).isEqualTo(SubscriptionRules.Announcement.ACTIVATED);
        assertThat(outcome.state().effectivePlan()).isEqualTo(Plan.PROFESSIONAL);
    }

    @Test
    void a_snapshot_older_than_the_state_applied_changes_nothing() {
        BillingState canceled = SubscriptionRules.apply(BillingState.none(), snapshot("active", "price_p", NOW), PRICES, NOW).state();
        canceled = SubscriptionRules.apply(canceled, snapshot("canceled", "price_p", NOW.plusSeconds(10)), PRICES, NOW).state();

        SubscriptionRules.Outcome late = SubscriptionRules.apply(canceled, snapshot("active", "price_e", NOW.plusSeconds(5)), PRICES, NOW);

        assertThat(late.announcement()).isEqualTo(SubscriptionRules.Announcement.NONE);
        assertThat(late.state().status()).isEqualTo(SubscriptionStatus.CANCELED);
        assertThat(late.state().effectivePlan()).isEqualTo(Plan.STARTER);
    }

    @Test
    void past_due_keeps_the_plan_during_stripes_retries_and_unpaid_ends_it() {
        BillingState active = SubscriptionRules.apply(BillingState.none(), snapshot("active", "price_e", NOW), PRICES, NOW).state();
        SubscriptionRules.Outcome pastDue = SubscriptionRules.apply(active, snapshot("past_due", "price_e", NOW.plusSeconds(1)), PRICES, NOW);
        assertThat(pastDue.announcement()).isEqualTo(SubscriptionRules.Announcement.NONE);
        assertThat(pastDue.state().effectivePlan()).isEqualTo(Plan.ENTERPRISE);
        SubscriptionRules.Outcome unpaid = SubscriptionRules.apply(pastDue.state(), snapshot("unpaid", "price_e", NOW.plusSeconds(2)), PRICES, NOW);
        assertThat(unpaid.announcement()).isEqualTo(SubscriptionRules.Announcement.CANCELED);
        assertThat(unpaid.state().effectivePlan()).isEqualTo(Plan.STARTER);
    }

    @Test
    void a_downgrade_keeps_the_higher_plan_until_the_period_ends_then_changes_it() {
        BillingState enterprise = SubscriptionRules.apply(BillingState.none(), snapshot("active", "price_e", NOW), PRICES, NOW).state();
        BillingState waiting = SubscriptionRules.downgradeAtPeriodEnd(enterprise, Plan.STARTER, enterprise.currentPeriodEnd());

        SubscriptionRules.Outcome billedLower = SubscriptionRules.apply(waiting, snapshot("active", "price_s", NOW.plusSeconds(1)), PRICES, NOW);
        assertThat(billedLower.state().effectivePlan()).isEqualTo(Plan.ENTERPRISE);
        assertThat(billedLower.state().pendingPlan()).isEqualTo(Plan.STARTER);
        assertThat(billedLower.announcement()).isEqualTo(SubscriptionRules.Announcement.NONE);

        Instant afterPeriod = waiting.pendingFrom().plusSeconds(1);
        SubscriptionRules.Outcome due = SubscriptionRules.duePendingPlan(billedLower.state(), afterPeriod);
        assertThat(due.state().effectivePlan()).isEqualTo(Plan.STARTER);
        assertThat(due.state().pendingPlan()).isNull();
        assertThat(due.announcement()).isEqualTo(SubscriptionRules.Announcement.CHANGED);
    }

    @Test
    void an_upgrade_after_asking_for_a_downgrade_forgets_the_downgrade() {
        BillingState professional = SubscriptionRules.apply(BillingState.none(), snapshot("active", "price_p", NOW), PRICES, NOW).state();
        BillingState waiting = SubscriptionRules.downgradeAtPeriodEnd(professional, Plan.STARTER, professional.currentPeriodEnd());

        SubscriptionRules.Outcome upgraded = SubscriptionRules.apply(waiting, snapshot("active", "price_e", NOW.plusSeconds(1)), PRICES, NOW);

        assertThat(upgraded.state().effectivePlan()).isEqualTo(Plan.ENTERPRISE);
        assertThat(upgraded.state().pendingPlan()).isNull();
        assertThat(upgraded.announcement()).isEqualTo(SubscriptionRules.Announcement.CHANGED);
    }

    @Test
    void plan_changes_go_up_now_and_down_at_the_period_end() {
        assertThat(SubscriptionRules.direction(Plan.STARTER, Plan.ENTERPRISE)).isEqualTo(SubscriptionRules.Direction.UPGRADE_NOW);
        assertThat(SubscriptionRules.direction(Plan.ENTERPRISE, Plan.PROFESSIONAL))
                .isEqualTo(SubscriptionRules.Direction.DOWNGRADE_AT_PERIOD_END);
        assertThat(SubscriptionRules.direction(Plan.PROFESSIONAL, Plan.PROFESSIONAL)).isEqualTo(SubscriptionRules.Direction.SAME);
    }

    @Test
    void starter_limits_are_the_ones_tenant_service_gives_a_new_organisation() {
        // tenant-service's PlanLimits.STARTER: 1000 messages, 100 knowledge items, 5 automations, 3 seats.
        assertThat(Plan.STARTER.limits()).isEqualTo(new Plan.Limits(1_000, 100, 5, 3, 2_000));
    }
}
