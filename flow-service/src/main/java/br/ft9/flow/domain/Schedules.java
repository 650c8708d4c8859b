package br.ft9.flow.domain;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Fires scheduled automations: each active one's next fire time (its Quartz cron in the organisation's time zone) is
 * kept in {@code automation_schedule}; when it has come, a run is started whose trigger event id is the automation and
 * the fire time, so that replicas looking at the same moment start it once.
 */
@ApplicationScoped
public class Schedules {

    private static final Logger LOG = Logger.getLogger(Schedules.class);
    private static final CronParser QUARTZ = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));

    private final RunStarter runs;
    private final CompiledDefinitions definitions;
    private final ObjectMapper json;

    public Schedules(RunStarter runs, CompiledDefinitions definitions, ObjectMapper json) {
        this.runs = runs;
        this.definitions = definitions;
        this.json = json;
    }

    /** Parses a Quartz cron expression; IllegalArgumentException when it is not one. */
    public static Cron cron(String expression) {
        Cron cron = QUARTZ.parse(expression);
        cron.validate();
        return cron;
    }

    public static Optional<ZonedDateTime> next(String expression, ZonedDateTime after) {
        return ExecutionTime.forCron(cron(expression)).nextExecution(after);
    }

    @Scheduled(every = "${ft9.flow.schedule-interval:PT15S}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> fireDue() {
        return Panache.withSession(() -> Panache.getSession().chain(s -> s.createNativeQuery("select a.id, a.definition, a.version,"
                + " coalesce(p.time_zone, 'America/Sao_Paulo'), sch.next_fire_at from automation a left join organization_profile p"
                + " on p.org_id = a.org_id left join automation_schedule sch on sch.automation_id = a.id"
                + " where a.status = 'ACTIVE' and a.trigger_type = 'scheduled'", Object[].class).getResultList()))
                .chain(rows -> Multi.createFrom().iterable(rows).onItem().transformToUniAndConcatenate(this::consider).collect().last())
                .replaceWithVoid()
                .onFailure().recoverWithUni(e -> {
                    LOG.warnf("scheduled automations not looked at: %s", e.getMessage());
                    return Uni.createFrom().voidItem();
                });
    }

    private Uni<Void> consider(Object[] row) {
        UUID id = (UUID) row[0];
        String cron;
        ZoneId zone;
        try {
            cron = definitions.of(id, (Integer) row[2], (String) row[1]).trigger().cron();
            zone = ZoneId.of((String) row[3]);
        } catch (Exception e) {
            return Uni.createFrom().voidItem();
        }
        ZonedDateTime now = ZonedDateTime.now(zone);
        java.time.OffsetDateTime due = row[4] instanceof java.time.OffsetDateTime t ? t
                : row[4] instanceof java.time.Instant i ? i.atOffset(java.time.ZoneOffset.UTC) : null;
        Optional<ZonedDateTime> following = next(cron, now);
        if (following.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        if (due == null) {
            return schedule(id, following.get()); // first sight: the next fire time, nothing fired for the past
        }
        if (due.toInstant().isAfter(now.toInstant())) {
            return Uni.createFrom().voidItem();
        }
        String eventId = "schedule:" + id + ":" + due.toInstant();
        return Panache.withTransaction(() -> Automation.<Automation>findById(id).chain(automation -> {
            ObjectNode facts = json.createObjectNode();
            facts.putObject("trigger").put("type", "scheduled").put("firedAt", due.atZoneSameInstant(zone).toString());
            return runs.startOne(automation, eventId, null, facts);
        })).chain(() -> schedule(id, following.get()));
    }

    private static Uni<Void> schedule(UUID id, ZonedDateTime next) {
        return Panache.withTransaction(() -> Panache.getSession().chain(s -> s.createNativeQuery("insert into automation_schedule"
                + " (automation_id, next_fire_at) values (:id, :next) on conflict (automation_id) do update set next_fire_at = :next")
                .setParameter("id", id).setParameter("next", next.toOffsetDateTime()).executeUpdate())).replaceWithVoid();
    }
}
