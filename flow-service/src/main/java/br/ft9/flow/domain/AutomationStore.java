package br.ft9.flow.domain;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import io.smallrye.mutiny.Uni;

/** What automations keep beside their entity: versions, the plan's limits as tenant-service announced them, and schedules. */
public interface AutomationStore {

    /** The organisation's number of active automations and its plan's limit of them (null: not known yet). */
    record ActiveAutomations(long active, Integer limit) {
    }

    /** A scheduled automation as the schedule sees it: its definition, the organisation's time zone and its next fire time. */
    record ScheduledAutomation(UUID id, int version, String definition, String timeZone, OffsetDateTime nextFireAt) {
    }

    /** Keeps the automation's current definition as its version, in the caller's transaction. */
    Uni<Void> keepVersion(Automation automation);

    /** Every version of an automation's definition, newest first. */
    Uni<List<Automations.Version>> versions(UUID automationId);

    Uni<ActiveAutomations> activeAutomations(UUID orgId);

    /** This period's runs and the plan's limit of them. */
    Uni<Automations.RunUse> runUse(UUID orgId, String period);

    /** Every active scheduled automation, with its next fire time if one was set. */
    Uni<List<ScheduledAutomation>> scheduled();

    /** Sets the automation's next fire time. */
    Uni<Void> schedule(UUID automationId, OffsetDateTime next);

    /** An active {@code message_received} automation, as its claim on messages is worked out from. */
    record MessageAutomation(UUID id, String name, int version, String definition, boolean oncePerContact) {
    }

    /**
     * The organisation's active {@code message_received} automations, with the session's pending changes written first
     * and the organisation's turn to announce them taken until the transaction ends: two changes at once announce in the
     * order they commit, the later one seeing the earlier.
     */
    Uni<List<MessageAutomation>> messageAutomationsToAnnounce(UUID orgId);

    /** Whether the organisation's plan has automation runs left in the month ({@code yyyy-MM}, as runs are counted). */
    Uni<Boolean> runsLeft(UUID orgId, String period);

    /**
     * Notes that the organisation's claims were announced, in the caller's transaction; {@code withdrawnFor} the month in
     * which they were withdrawn because no runs were left, null when they stand.
     */
    Uni<Void> claimsAnnounced(UUID orgId, String withdrawnFor);

    /** Whether the organisation's claims were withdrawn for want of runs in a month, and how long ago. */
    enum Withdrawal {
        /** They stand (or were never announced). */
        NONE,
        /** In this transaction or within the recent span asked about. */
        RECENT,
        /** Before that. */
        EARLIER
    }

    /** Whether the organisation's claims were withdrawn for want of runs in this month ({@code yyyy-MM}), and when. */
    Uni<Withdrawal> claimsWithdrawal(UUID orgId, String period, Duration recent);

    /** Whether the organisation's claims were ever announced. */
    Uni<Boolean> claimsEverAnnounced(UUID orgId);

    /**
     * Organisations whose claims are due an announcement without any change to their automations: those with active
     * {@code message_received} automations never announced (they predate it), and those whose claims were withdrawn for
     * want of runs that have runs left in {@code period} (a new month, a bigger plan).
     */
    Uni<List<UUID>> claimsDue(String period);
}
