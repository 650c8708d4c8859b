package br.ft9.billing.domain;

import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import br.ft9.billing.events.BillingEvents;
import br.ft9.common.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Use per organisation and calendar month (UTC), counted from the services' events: messages received (limited by the
 * plan) and answers the assistant gave. Reaching the monthly message limit is announced once a month
 * ({@code quota.exceeded}): the assistant stops auto-answering; messages still arrive.
 */
@ApplicationScoped
public class Usage {

    public static final String MESSAGES = "messages";
    public static final String ANSWERS = "answers";

    private final Outbox outbox;
    private final UsageStore store;
    private final io.quarkus.mailer.reactive.ReactiveMailer mailer;
    private final Clock clock;

    public Usage(Outbox outbox, UsageStore store, io.quarkus.mailer.reactive.ReactiveMailer mailer, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
        this.store = store;
        this.mailer = mailer;
    }

    /** One metric's use this month, and its limit (null: not limited). */
    public record Metric(String metric, long used, Long limit, boolean exceeded) {
    }

    public record Report(String period, String plan, List<Metric> items) {
    }

    /** The month being counted (UTC), as {@code 2026-12}. */
    public static String period(Clock clock) {
        return YearMonth.now(clock.withZone(ZoneOffset.UTC)).toString();
    }

    /**
     * Counts one use per organisation named (an organisation named n times: n uses, in one statement), in the caller's
     * transaction, announcing the quota the first time the limit is reached; organisations in the order first named.
     */
    public Uni<Void> countEach(List<UUID> orgIds, String metric) {
        Map<UUID, Long> uses = orgIds.stream().collect(Collectors.groupingBy(org -> org, LinkedHashMap::new, Collectors.counting()));
        return Multi.createFrom().iterable(uses.entrySet())
                .onItem().transformToUniAndConcatenate(org -> count(org.getKey(), metric, org.getValue()))
                .collect().last().replaceWithVoid();
    }

    private Uni<Void> count(UUID orgId, String metric, long uses) {
        String period = period(clock);
        return store.count(orgId, period, metric, uses)
                .chain(used -> !MESSAGES.equals(metric) ? Uni.createFrom().voidItem() : plan(orgId).chain(plan -> {
                    long limit = plan.limits().messagesPerMonth();
                    if (used < limit) {
                        return Uni.createFrom().voidItem();
                    }
                    return store.noticeOnce(orgId, period, metric)
                            .chain(first -> !first ? Uni.createFrom().voidItem()
                                    : outbox.append(BillingEvents.TOPIC, BillingEvents.QUOTA_EXCEEDED, orgId,
                                            new BillingEvents.QuotaExceededV1(orgId, metric, limit, used, period))
                                            .chain(() -> tellTheAdmin(orgId, limit, period)));
                }));
    }

    /**
     * Mails the organisation's billing contact that the assistant paused. Best effort, inside the counting transaction:
     * if that transaction fails, the redelivered event mails again rather than never.
     */
    private Uni<Void> tellTheAdmin(UUID orgId, long limit, String period) {
        return BillingAccount.<BillingAccount>findById(orgId).chain(account -> {
            if (account == null || account.billingEmail == null) {
                return Uni.createFrom().voidItem();
            }
            return mailer.send(io.quarkus.mailer.Mail.withText(account.billingEmail,
                    "FT9: o limite de mensagens do mês foi atingido",
                    "Sua organização recebeu " + limit + " mensagens em " + period + ", o limite do plano " + (account.plan) + ".\n\n"
                            + "O assistente parou de responder automaticamente: as novas conversas vão para a equipe no inbox, e as"
                            + " mensagens continuam chegando. Ele volta a responder no próximo mês ou assim que o plano mudar.\n"))
                    .onFailure().recoverWithNull();
        });
    }

    public Uni<Report> report(UUID orgId) {
        String period = period(clock);
        return Panache.withSession(() -> plan(orgId).chain(plan -> store.used(orgId, period).map(used -> {
            long messages = used.getOrDefault(MESSAGES, 0L);
            long answers = used.getOrDefault(ANSWERS, 0L);
            long limit = plan.limits().messagesPerMonth();
            return new Report(period, plan.name(), List.of(new Metric(MESSAGES, messages, limit, messages >= limit),
                    new Metric(ANSWERS, answers, null, false)));
        })));
    }

    private static Uni<Plan> plan(UUID orgId) {
        return BillingAccount.<BillingAccount>findById(orgId).map(a -> a == null ? Plan.STARTER : a.state().effectivePlan());
    }
}
