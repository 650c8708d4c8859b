package br.ft9.gateway.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * What an organisation's conversations did over a period of days in its time zone: the totals, each day and each
 * person of the team. Durations are in seconds (null where nothing was measured).
 */
public record ConversationReport(LocalDate from, LocalDate to, String timeZone, Figures totals, List<Day> days, List<Agent> agents) {

    /**
     * Conversations opened, answered by the assistant alone, handed to a person, closed; the first reply's delay (any
     * reply, and a person's in those handed off) and the time to close, median and 90th percentile.
     */
    public record Figures(long opened, long answeredByAssistant, long handedOff, long closed, Long firstResponseMedian,
            Long firstResponseP90, Long firstHumanResponseMedian, Long firstHumanResponseP90, Long resolutionMedian,
            Long resolutionP90) {
    }

    /** One day's figures. */
    public record Day(LocalDate date, Figures figures) {
    }

    /** One person's replies: in how many conversations, how many, and how long after the contact's message (median, p90). */
    public record Agent(UUID userId, long conversations, long replies, Long replyDelayMedian, Long replyDelayP90) {
    }
}
