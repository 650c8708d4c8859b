package br.ft9.billing.infra;

import jakarta.enterprise.context.ApplicationScoped;

import br.ft9.billing.domain.Subscriptions;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/** The clock's part in subscriptions: downgrades that fell due, and accounts past due beyond the grace period. */
@ApplicationScoped
public class BillingTimers {

    private final Subscriptions subscriptions;

    public BillingTimers(Subscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    @Scheduled(every = "${ft9.billing.pending-check:PT1M}", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> applyDuePendingPlans() {
        return subscriptions.applyDuePendingPlans();
    }

    @Scheduled(every = "${ft9.billing.pending-check:PT1M}", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> announceOverdue() {
        return subscriptions.announceOverdue();
    }
}
