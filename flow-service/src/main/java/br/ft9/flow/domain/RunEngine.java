package br.ft9.flow.domain;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import br.ft9.common.outbox.Outbox;
import br.ft9.common.scheduling.FastPoll;
import br.ft9.flow.events.FlowEvents;
import br.ft9.flow.infra.KnowledgeClient;
import br.ft9.flow.infra.WebhookCaller;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Carries runs forward. Due runs are claimed with {@code for update skip locked}, so with several replicas each due
 * step runs on exactly one; each step is committed with its effect (a send command goes through the outbox in the
 * same transaction), so a crash resumes at the step after the last one committed. A delay leaves the run READY and
 * due later, in the database, so it survives restarts. A failing step is tried again with backoff, then the run
 * fails and {@code ft9.flow.run.failed.v1} is published. A run that stayed RUNNING five minutes (its replica died)
 * is made READY again.
 */
@ApplicationScoped
public class RunEngine {

    private static final Logger LOG = Logger.getLogger(RunEngine.class);
    static final int MAX_ATTEMPTS = 3;

    private final Pool pool;
    private final Outbox outbox;
    private final WebhookCaller webhooks;
    private final KnowledgeClient knowledge;
    private final io.quarkus.mailer.reactive.ReactiveMailer mailer;
    private final ObjectMapper json;
    private final Vertx vertx;
    private final String replica;
    private final int batch;
    private final int workers;
    private final Duration firstBackoff;
    private final CompiledDefinitions definitions;
    private final io.micrometer.core.instrument.MeterRegistry meters;
    private FastPoll poll;

    public RunEngine(Pool pool, Outbox outbox, WebhookCaller webhooks, KnowledgeClient knowledge,
            io.quarkus.mailer.reactive.ReactiveMailer mailer,
            CompiledDefinitions definitions, ObjectMapper json, Vertx vertx,
            @ConfigProperty(name = "ft9.flow.claim-batch", defaultValue = "20") int batch,
            @ConfigProperty(name = "ft9.flow.workers", defaultValue = "4") int workers,
            @ConfigProperty(name = "ft9.flow.retry-backoff", defaultValue = "PT2S") Duration firstBackoff,
            io.micrometer.core.instrument.MeterRegistry meters) {
        this.meters = meters;
        this.pool = pool;
        this.outbox = outbox;
        this.webhooks = webhooks;
        this.knowledge = knowledge;
        this.mailer = mailer;
        this.definitions = definitions;
        this.json = json;
        this.vertx = vertx;
        this.batch = batch;
        this.workers = workers;
        this.firstBackoff = firstBackoff;
        this.replica = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    // Every 250 ms (ft9.flow.poll-interval), which Quarkus' scheduler would round up to a second.
    void start(@Observes StartupEvent started,
            @ConfigProperty(name = "ft9.flow.poll-interval", defaultValue = "PT0.25S") Duration interval,
            @ConfigProperty(name = "ft9.flow.initial-delay", defaultValue = "2s") Duration initialDelay) {
        poll = FastPoll.every(vertx.getDelegate(), "run engine", initialDelay, interval, this::tick);
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (poll != null) {
            poll.stop();
        }
    }

    Uni<Void> tick() {
        List<Uni<Void>> workers = new ArrayList<>();
        for (int i = 0; i < this.workers; i++) {
            // Each worker on its own context, with its own database sessions: they carry runs forward side by side
            // (skip locked gives each its own runs).
            workers.add(FastPoll.onNewContext(vertx.getDelegate(), this::drain));
        }
        return recoverAbandoned().chain(() -> Uni.join().all(workers).andCollectFailures()).replaceWithVoid()
                .onFailure().recoverWithUni(e -> {
                    LOG.warnf("run engine tick failed, will retry: %s", e.getMessage());
                    return Uni.createFrom().voidItem();
                });
    }

    /** Claims a batch and carries its runs forward one after the other; a full batch is followed by the next at once. */
    private Uni<Void> drain() {
        return claimDue(replica, batch).chain(ids -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (UUID id : ids) {
                chain = chain.chain(() -> execute(id).onFailure().recoverWithUni(e -> {
                    LOG.errorf(e, "run %s could not be carried forward; it will be tried again", id);
                    return unexpected(id, e);
                }));
            }
            return ids.size() == batch ? chain.chain(this::drain) : chain;
        });
    }

    /** Claims up to {@code limit} due runs for this replica; another replica's concurrent claim gets other runs. */
    public Uni<List<UUID>> claimDue(String claimant, int limit) {
        return pool.withTransaction(c -> c.preparedQuery("update run set status = 'RUNNING', claimed_by = $1, claimed_at = now(),"
                + " updated_at = now() where id in (select id from run where status = 'READY' and due_at <= now()"
                + " order by due_at limit $2 for update skip locked) returning id")
                .execute(Tuple.of(claimant, limit))
                .map(rows -> {
                    List<UUID> ids = new ArrayList<>();
                    for (Row row : rows) {
                        ids.add(row.getUUID("id"));
                    }
                    return ids;
                }));
    }

    private Uni<Void> recoverAbandoned() {
        return pool.preparedQuery("update run set status = 'READY', claimed_by = null, updated_at = now() where status = 'RUNNING'"
                + " and claimed_at < now() - interval '5 minutes'").execute().replaceWithVoid();
    }

    /** Carries a claimed run forward until it waits (delay, retry), succeeds or fails. */
    public Uni<Void> execute(UUID runId) {
        return Panache.withSession(() -> Run.<Run>findById(runId).chain(run -> definition(run).map(d -> Map.entry(run, d))))
                .chain(loaded -> advance(loaded.getKey(), loaded.getValue()));
    }

    private Uni<AutomationDefinition> definition(Run run) {
        AutomationDefinition cached = definitions.cached(run.automationId, run.version);
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        return Panache.getSession().chain(s -> s.createNativeQuery("select definition from automation_version where"
                + " automation_id = :id and version = :version", String.class)
                .setParameter("id", run.automationId).setParameter("version", run.version).getSingleResult())
                .map(text -> definitions.of(run.automationId, run.version, text));
    }

    private Uni<Void> advance(Run run, AutomationDefinition definition) {
        List<AutomationDefinition.Instruction> program = definition.program();
        if (run.step >= program.size()) {
            return Panache.withTransaction(() -> save(run, Run.SUCCEEDED, run.step, null, null)
                    .chain(() -> outbox.append(FlowEvents.TOPIC, FlowEvents.RUN_SUCCEEDED, run.orgId,
                            new FlowEvents.RunSucceededV1(run.orgId, run.automationId, run.id))))
                    .invoke(() -> meters.counter("ft9.flow.runs", "outcome", "succeeded").increment())
                    .replaceWithVoid();
        }
        AutomationDefinition.Instruction instruction = program.get(run.step);
        Facts facts = facts(run);
        return switch (instruction.type()) {
            case AutomationDefinition.Instruction.JUMP -> jump(run, definition, instruction.target());
            case AutomationDefinition.Instruction.JUMP_UNLESS -> jump(run, definition,
                    facts.holds(instruction.condition()) ? run.step + 1 : instruction.target());
            case "delay" -> {
                JsonNode step = instruction.step();
                long minutes = step.path("minutes").asLong(0) + step.path("hours").asLong(0) * 60 + step.path("days").asLong(0) * 1440;
                yield record(run, instruction, "SUCCEEDED", "{\"minutes\":" + minutes + "}", null)
                        .chain(() -> save(run, Run.READY, run.step + 1, OffsetDateTime.now().plusMinutes(minutes), null));
            }
            case "call_webhook" -> guarded(run, instruction, () -> callWebhook(run, definition, instruction, facts));
            case "send_email" -> guarded(run, instruction, () -> sendEmail(run, definition, instruction, facts));
            case "ai_generate" -> guarded(run, instruction, () -> aiGenerate(run, definition, instruction, facts));
            default -> Panache.withTransaction(() -> act(run, instruction, facts)
                    .chain(outcome -> record(run, instruction, outcome[0], outcome[1], null))
                    .chain(() -> progress(run)))
                    .chain(() -> advance(run, definition))
                    .onFailure(Permanent.class).recoverWithUni(e -> fail(run, instruction, e.getMessage()));
        };
    }

    private Uni<Void> jump(Run run, AutomationDefinition definition, int target) {
        run.step = target;
        return Panache.withTransaction(() -> Run.update("step = ?1, updatedAt = ?2 where id = ?3", target, Automations.now(), run.id))
                .chain(() -> advance(run, definition));
    }

    /** A step's effect in the caller's transaction; answers {status, output}. */
    private Uni<String[]> act(Run run, AutomationDefinition.Instruction instruction, Facts facts) {
        JsonNode step = instruction.step();
        return switch (instruction.type()) {
            case "send_whatsapp" -> sendWhatsApp(run, step, facts);
            case "set_contact_field" -> {
                String field = step.path("field").asText();
                String value = facts.render(step.path("value").asText(), Limits.FIELD_VALUE, "the field's value");
                yield contactUpdate(run, "fields = (coalesce(fields, '{}')::jsonb || jsonb_build_object(cast(:a as text), cast(:b as text)))::text", field, value)
                        .invoke(() -> putFact(run, "contact", "fields", field, value))
                        .replaceWith(new String[] { "SUCCEEDED", "{\"" + field + "\":" + write(value) + "}" });
            }
            case "add_tag" -> {
                String tag = facts.render(step.path("tag").asText(), Limits.TAG, "the tag");
                yield contactUpdate(run, "tags = case when cast(:a as text) = any(tags) then tags"
                        + " else array_append(tags, cast(:b as text)) end", tag, tag)
                        .replaceWith(new String[] { "SUCCEEDED", "{\"tag\":" + write(tag) + "}" });
            }
            case "handoff_to_human" -> outbox.append(FlowEvents.TOPIC, FlowEvents.HANDOFF_REQUESTED, run.orgId,
                    run.orgId + ":" + run.contactWaId, new FlowEvents.HandoffRequestedV1(run.orgId, uuid(facts.get("trigger.conversationId")),
                            uuid(facts.get("contact.contactId")), run.contactWaId,
                            step.path("reason").asText("asked by an automation"),
                            step.hasNonNull("message") ? facts.render(step.path("message").asText(), Limits.TEXT, "the hand-off message") : null))
                    .replaceWith(new String[] { "SUCCEEDED", null });
            default -> Uni.createFrom().failure(new Permanent("unknown step type " + instruction.type()));
        };
    }

    /** Free text within the 24-hour window; outside it the template fallback, or a failure saying so. Opted-out: skipped. */
    private Uni<String[]> sendWhatsApp(Run run, JsonNode step, Facts facts) {
        if (run.contactWaId == null) {
            return Uni.createFrom().failure(new Permanent("the trigger names no WhatsApp contact (waId)"));
        }
        return Panache.getSession().chain(s -> s.createNativeQuery("select opted_out, last_inbound_at > now() - interval '24 hours'"
                + " from flow_contact where org_id = :org and wa_id = :wa", Object[].class)
                .setParameter("org", run.orgId).setParameter("wa", run.contactWaId).getResultList())
                .chain(rows -> {
                    boolean optedOut = !rows.isEmpty() && Boolean.TRUE.equals(rows.get(0)[0]);
                    boolean inWindow = !rows.isEmpty() && Boolean.TRUE.equals(rows.get(0)[1]);
                    if (optedOut) {
                        return Uni.createFrom().item(new String[] { "SKIPPED", "{\"reason\":\"the contact opted out\"}" });
                    }
                    JsonNode template = step.hasNonNull("template") ? step.path("template")
                            : inWindow ? null : step.path("fallbackTemplate");
                    if (template != null && template.isMissingNode()) {
                        return Uni.createFrom().failure(new Permanent(
                                "outside the contact's 24-hour window and the step has no fallbackTemplate"));
                    }
                    UUID commandId = UUID.nameUUIDFromBytes((run.id + ":" + run.step).getBytes());
                    FlowEvents.SendMessageV1 command;
                    if (template == null) {
                        command = new FlowEvents.SendMessageV1(commandId, run.orgId, uuid(facts.get("contact.contactId")),
                                run.contactWaId, uuid(facts.get("trigger.conversationId")), "flow", "text",
                                facts.render(step.path("text").asText(), Limits.TEXT, "the text"), null, uuid(facts.get("trigger.messageId")));
                    } else {
                        List<String> parameters = new ArrayList<>();
                        template.path("parameters").forEach(p -> parameters.add(facts.render(p.asText(), Limits.TEMPLATE_PARAMETER,
                                "a template parameter")));
                        command = new FlowEvents.SendMessageV1(commandId, run.orgId, uuid(facts.get("contact.contactId")),
                                run.contactWaId, uuid(facts.get("trigger.conversationId")), "flow", "template", null,
                                new FlowEvents.Template(template.path("name").asText(), template.path("language").asText(), parameters),
                                uuid(facts.get("trigger.messageId")));
                    }
                    return outbox.append(FlowEvents.OUTBOUND_TOPIC, FlowEvents.SEND_MESSAGE, run.orgId, run.orgId + ":" + run.contactWaId,
                            command).map(id -> new String[] { "SUCCEEDED", write(command) });
                });
    }

    private Uni<Void> callWebhook(Run run, AutomationDefinition definition, AutomationDefinition.Instruction instruction, Facts facts) {
        JsonNode step = instruction.step();
        String url = facts.render(step.path("url").asText(), Limits.URL, "the URL");
        String body = step.has("body") ? facts.render(step.path("body").isTextual() ? step.path("body").asText() : step.path("body").toString(),
                Limits.BODY, "the body") : null;
        String method = step.path("method").asText("POST");
        return vertx.executeBlocking(() -> webhooks.call(method, url, body), false)
                .chain(answer -> Panache.withTransaction(() -> record(run, instruction, "SUCCEEDED",
                        "{\"status\":" + answer.status() + ",\"body\":" + write(answer.body()) + "}", null)
                        .chain(() -> progress(run)))
                        .chain(() -> advance(run, definition)))
                .onFailure(WebhookCaller.Refused.class).recoverWithUni(e -> fail(run, instruction, "refused: " + e.getMessage()))
                .onFailure(WebhookCaller.Failed.class).recoverWithUni(e -> retryLater(run, instruction, e.getMessage()));
    }

    /**
     * Asks memory-service; the answer becomes facts for the next steps under the step's {@code as} name (default
     * {@code ai}): {@code ai.answer}, {@code ai.handoff} ("true" when the knowledge has no answer), {@code ai.sources}.
     */
    private Uni<Void> aiGenerate(Run run, AutomationDefinition definition, AutomationDefinition.Instruction instruction, Facts facts) {
        JsonNode step = instruction.step();
        String question = facts.render(step.path("question").asText()).strip();
        String as = step.path("as").asText(AutomationDefinition.DEFAULT_ANSWER_NAME);
        if (question.isEmpty()) {
            return fail(run, instruction, "the question is empty once its variables are filled");
        }
        return knowledge.ask(run.orgId, question.length() > 1000 ? question.substring(0, 1000) : question, facts.get("contact.contactId"))
                .chain(answer -> {
                    putFact(run, as, "answer", answer.text());
                    putFact(run, as, "handoff", Boolean.toString(answer.handoff()));
                    putFact(run, as, "sources", String.join(", ", answer.sources()));
                    return Panache.withTransaction(() -> record(run, instruction, "SUCCEEDED", write(answer), null)
                            .chain(() -> progress(run)));
                })
                .chain(() -> advance(run, definition))
                .onFailure(KnowledgeClient.Refused.class).recoverWithUni(e -> fail(run, instruction, e.getMessage()))
                .onFailure(KnowledgeClient.Unavailable.class).recoverWithUni(e -> retryLater(run, instruction, e.getMessage()))
                .onFailure(org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException.class)
                .recoverWithUni(e -> retryLater(run, instruction, "memory-service did not answer in time or is failing"));
    }

    /** A step broke for a reason nobody foresaw: tried again like a failed call, and the run fails after the last attempt. */
    private Uni<Void> unexpected(UUID runId, Throwable failure) {
        String error = "unexpected error: " + failure.getClass().getSimpleName();
        return pool.preparedQuery("update run set status = case when attempts + 1 >= $2 then 'FAILED' else 'READY' end,"
                + " attempts = attempts + 1, error = $3, due_at = now() + make_interval(secs => $4 * power(2, attempts)),"
                + " updated_at = now() where id = $1 and status = 'RUNNING'")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(runId, MAX_ATTEMPTS, error, firstBackoff.toMillis() / 1000.0))
                .replaceWithVoid().onFailure().recoverWithNull();
    }

    private Uni<Void> sendEmail(Run run, AutomationDefinition definition, AutomationDefinition.Instruction instruction, Facts facts) {
        JsonNode step = instruction.step();
        String to = facts.render(step.path("to").asText(), Limits.EMAIL_ADDRESS, "the address").strip();
        if (!to.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            return fail(run, instruction, "the address " + (to.isEmpty() ? "(empty)" : to) + " is not an email address");
        }
        String subject = facts.render(step.path("subject").asText(), Limits.SUBJECT, "the subject");
        return mailer.send(io.quarkus.mailer.Mail.withText(to, subject, facts.render(step.path("body").asText(), Limits.BODY, "the body")))
                .chain(() -> Panache.withTransaction(() -> record(run, instruction, "SUCCEEDED",
                        "{\"to\":" + write(to) + ",\"subject\":" + write(subject) + "}", null).chain(() -> progress(run))))
                .chain(() -> advance(run, definition))
                .onFailure().recoverWithUni(e -> retryLater(run, instruction, "the mail could not be sent: " + e.getMessage()));
    }

    /** Tries the step again after a growing wait, or fails the run after the last attempt. */
    private Uni<Void> retryLater(Run run, AutomationDefinition.Instruction instruction, String error) {
        int attempts = run.attempts + 1;
        if (attempts >= MAX_ATTEMPTS) {
            run.attempts = attempts;
            return fail(run, instruction, error + " (after " + attempts + " attempts)");
        }
        OffsetDateTime due = OffsetDateTime.now().plus(firstBackoff.multipliedBy(1L << (attempts - 1)));
        run.attempts = attempts;
        return Panache.withTransaction(() -> record(run, instruction, "FAILED", null, error)
                .chain(() -> Run.update("status = ?1, attempts = ?2, dueAt = ?3, error = ?4, updatedAt = ?5 where id = ?6",
                        Run.READY, attempts, due, error, Automations.now(), run.id))).replaceWithVoid();
    }

    private Uni<Void> fail(Run run, AutomationDefinition.Instruction instruction, String error) {
        return Panache.withTransaction(() -> record(run, instruction, "FAILED", null, error)
                .chain(() -> Run.update("status = ?1, error = ?2, updatedAt = ?3 where id = ?4", Run.FAILED, error, Automations.now(), run.id))
                .chain(() -> outbox.append(FlowEvents.TOPIC, FlowEvents.RUN_FAILED, run.orgId,
                        new FlowEvents.RunFailedV1(run.orgId, run.automationId, run.id, run.step, instruction.type(), error))))
                .invoke(() -> meters.counter("ft9.flow.runs", "outcome", "failed").increment())
                .replaceWithVoid();
    }

    /** The step is done: the run moves to the next one, with what it learnt, in the step's transaction. */
    private static Uni<Integer> progress(Run run) {
        run.step++;
        run.attempts = 0;
        return Run.update("step = ?1, attempts = 0, facts = ?2, error = null, updatedAt = ?3 where id = ?4", run.step, run.facts,
                Automations.now(), run.id);
    }

    private Uni<Void> save(Run run, String status, int step, OffsetDateTime due, String error) {
        return Panache.withTransaction(() -> Run.update("status = ?1, step = ?2, dueAt = coalesce(?3, dueAt), error = ?4, attempts = 0,"
                + " facts = ?5, updatedAt = ?6 where id = ?7", status, step, due, error, run.facts, Automations.now(), run.id))
                .replaceWithVoid();
    }

    /** Writes what the step did, replacing an earlier attempt's record. */
    private Uni<Void> record(Run run, AutomationDefinition.Instruction instruction, String status, String output, String error) {
        return Panache.withTransaction(() -> Panache.getSession().chain(s -> s.createNativeQuery("insert into run_step (run_id, step,"
                + " type, path, status, input, output, error, attempts, started_at, finished_at) values (:run, :step, :type, :path,"
                + " :status, :input, :output, :error, :attempts, now(), now()) on conflict (run_id, step) do update set"
                + " status = excluded.status, output = excluded.output, error = excluded.error, attempts = excluded.attempts,"
                + " finished_at = now()")
                .setParameter("run", run.id).setParameter("step", run.step).setParameter("type", instruction.type())
                .setParameter("path", instruction.path()).setParameter("status", status)
                .setParameter("input", instruction.step() == null ? null : instruction.step().toString())
                .setParameter("output", output).setParameter("error", error).setParameter("attempts", run.attempts + 1)
                .executeUpdate())).replaceWithVoid();
    }

    private Uni<Integer> contactUpdate(Run run, String set, String a, String b) {
        String sql = "update flow_contact set " + set + " where org_id = :org and wa_id = :wa";
        return Panache.getSession().chain(s -> s.createNativeQuery(sql).setParameter("a", a).setParameter("b", b)
                .setParameter("org", run.orgId).setParameter("wa", run.contactWaId).executeUpdate());
    }

    private Facts facts(Run run) {
        try {
            return Facts.of(json.readTree(run.facts));
        } catch (Exception e) {
            throw new IllegalStateException("run " + run.id + " has unreadable facts", e);
        }
    }

    private void putFact(Run run, String... path) {
        try {
            ObjectNode node = (ObjectNode) json.readTree(run.facts);
            ObjectNode at = node;
            for (int i = 0; i < path.length - 2; i++) {
                at = at.has(path[i]) && at.get(path[i]).isObject() ? (ObjectNode) at.get(path[i]) : at.putObject(path[i]);
            }
            at.put(path[path.length - 2], path[path.length - 1]);
            run.facts = node.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (Exception e) {
            return null;
        }
    }

    /** A UUID from a fact, or null when the fact is missing or is not one (trigger data may carry anything). */
    static UUID uuid(String value) {
        try {
            return value == null || value.isEmpty() ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A step whose preparation can refuse it for good (a rendered text over its limit): the run fails with the reason. */
    private Uni<Void> guarded(Run run, AutomationDefinition.Instruction instruction, java.util.function.Supplier<Uni<Void>> step) {
        return Uni.createFrom().<Void>deferred(step::get).onFailure(Permanent.class).recoverWithUni(e -> fail(run, instruction, e.getMessage()));
    }

    /** A step that cannot succeed by trying again (a rule, not an outage). */
    static class Permanent extends RuntimeException {
        Permanent(String message) {
            super(message);
        }
    }
}
