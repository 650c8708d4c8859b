package br.ft9.gateway.domain;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import br.ft9.common.errors.InvalidField;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** The organisation's conversation report for its last 7 or 30 days, counted in its own time zone (today included). */
@ApplicationScoped
public class Reports {

    static final Set<Integer> PERIODS = Set.of(7, 30);
    static final String DEFAULT_TIME_ZONE = "America/Sao_Paulo";

    private final ReportSource source;
    private final Clock clock;

    public Reports(ReportSource source, Clock clock) {
        this.source = source;
        this.clock = clock;
    }

    public Uni<java.util.List<NumberHealth>> numbers(UUID orgId) {
        return source.numbers(orgId);
    }

    public Uni<ConversationReport> lastDays(UUID orgId, int days) {
        if (!PERIODS.contains(days)) {
            throw new InvalidField("days", "days is 7 or 30");
        }
        return Panache.withSession(() -> KnownOrganization.<KnownOrganization>findById(orgId)).chain(organisation -> {
            String timeZone = organisation == null || organisation.timeZone == null ? DEFAULT_TIME_ZONE : organisation.timeZone;
            LocalDate today = LocalDate.now(clock.withZone(ZoneId.of(timeZone)));
            return source.conversations(orgId, timeZone, today.minusDays(days - 1L), today);
        });
    }
}
