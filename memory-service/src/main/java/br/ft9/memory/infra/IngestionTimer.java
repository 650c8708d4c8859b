package br.ft9.memory.infra;

import jakarta.enterprise.context.ApplicationScoped;

import br.ft9.memory.domain.Uploads;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/** Every minute, the upload jobs a stop interrupted are looked for and started again. */
@ApplicationScoped
public class IngestionTimer {

    private final Uploads uploads;

    public IngestionTimer(Uploads uploads) {
        this.uploads = uploads;
    }

    @Scheduled(every = "${ft9.knowledge.resume-interval:60s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> resumeInterrupted() {
        return uploads.resumeInterrupted();
    }
}
