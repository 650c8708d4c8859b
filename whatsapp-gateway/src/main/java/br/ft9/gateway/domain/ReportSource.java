package br.ft9.gateway.domain;

import java.time.LocalDate;
import java.util.UUID;

import io.smallrye.mutiny.Uni;

/** Where the conversation figures and the numbers' health are counted (the gateway's database). */
public interface ReportSource {

    /** The organisation's figures for the days {@code from} to {@code to} inclusive, days read in {@code timeZone}. */
    Uni<ConversationReport> conversations(UUID orgId, String timeZone, LocalDate from, LocalDate to);

    /** Each of the organisation's numbers that had messages in the last 30 days, with its health. */
    Uni<java.util.List<NumberHealth>> numbers(UUID orgId);
}
