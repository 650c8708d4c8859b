package br.ft9.billing.domain;

import java.util.Locale;
import java.util.Optional;

/**
 * The plans an organisation can pay for and what each allows. Starter is also what a new organisation's trial and an
 * ended subscription fall back to (tenant-service holds the same figures for it).
 */
public enum Plan {
    STARTER(1, 19_900, new Limits(1_000, 100, 5, 3, 2_000)),
    PROFESSIONAL(2, 49_900, new Limits(10_000, 1_000, 25, 10, 20_000)),
    ENTERPRISE(3, 149_900, new Limits(100_000, 10_000, 200, 50, 200_000));

    /** What a plan allows per month or at once. */
    public record Limits(int messagesPerMonth, int knowledgeItems, int automations, int seats, int automationRunsPerMonth) {
    }

    private final int rank;
    private final long monthlyPriceCents;
    private final Limits limits;

    Plan(int rank, long monthlyPriceCents, Limits limits) {
        this.rank = rank;
        this.monthlyPriceCents = monthlyPriceCents;
        this.limits = limits;
    }

    public Limits limits() {
        return limits;
    }

    /** The monthly price in BRL cents, as shown; Stripe's price object is what is charged. */
    public long monthlyPriceCents() {
        return monthlyPriceCents;
    }

    public boolean isAbove(Plan other) {
        return rank > other.rank;
    }

    public static Optional<Plan> named(String name) {
        if (name == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(name.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
