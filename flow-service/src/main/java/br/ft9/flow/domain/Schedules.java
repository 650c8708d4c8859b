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
    private final AutomationStore store;
    private final ObjectMapper json;

    public Schedules(RunStarter runs, CompiledDefinitions definitions, AutomationStore store, ObjectMapper json) {
        this.runs = runs;
        this.definitions = definitions;
        this.store = store;
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

    /** Starts the run of every scheduled automation whose time has come, and sets its next time; called every few seconds. */
    public Uni<Void> fireDue() {
        return store.scheduled()
                .chain(due -> Multi.createFrom().iterable(due).onItem().transformToUniAndConcatenate(this::consider).collect().last())
                .replaceWithVoid()
                .onFailure().recoverWithUni(e -> {
                    LOG.warnf("scheduled automations not looked at: %s", e.getMessage());
                    return Uni.createFrom().voidItem();
                });
    }

    private Uni<Void> consider(AutomationStore.ScheduledAutomation automation) {
        UUID id = automation.id();
        String cron;
        ZoneId zone;
        try {
            cron = definitions.of(id, automation.version(), automation.definition()).trigger().cron();
            zone = ZoneId.of(automation.timeZone());
        } catch (Exception e) {
            return Uni.createFrom().voidItem();
        }
        ZonedDateTime now = ZonedDateTime.now(zone);
        java.time.OffsetDateTime due = automation.nextFireAt();
        Optional<ZonedDateTime> following = next(cron, now);
        if (following.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        if (due == null) {
            return store.schedule(id, following.get().toOffsetDateTime()); // first sight: the next fire time, nothing fired for the past
        }
        if (due.toInstant().isAfter(now.toInstant())) {
            return Uni.createFrom().voidItem();
        }
        String eventId = "schedule:" + id + ":" + due.toInstant();
        return Panache.withTransaction(() -> Automation.<Automation>findById(id).chain(found -> {
            ObjectNode facts = json.createObjectNode();
            facts.putObject("trigger").put("type", "scheduled").put("firedAt", due.atZoneSameInstant(zone).toString());
            return runs.startOne(found, eventId, null, facts);
        })).chain(() -> store.schedule(id, following.get().toOffsetDateTime()));
    }
}
