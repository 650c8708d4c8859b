package br.ft9.flow.infra;

import jakarta.enterprise.context.ApplicationScoped;

import br.ft9.flow.domain.Schedules;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/** Looks at scheduled automations every 15 seconds ({@code ft9.flow.schedule-interval}), one look at a time. */
@ApplicationScoped
public class ScheduleTicker {

    private final Schedules schedules;

    public ScheduleTicker(Schedules schedules) {
        this.schedules = schedules;
    }

    @Scheduled(every = "${ft9.flow.schedule-interval:PT15S}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> tick() {
        return schedules.fireDue();
    }
}
