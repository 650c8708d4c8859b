package br.ft9.common.retention;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Runs every {@link Expiry} of the service every hour ({@code FT9_RETENTION_EVERY}), on every replica: each is emptied
 * batch after batch until a batch comes back short. A sweep that fails (the database away) is tried at the next hour:
 * nothing expires early, and late only by that.
 */
@ApplicationScoped
public class RetentionSweeper {

    private static final Logger LOG = Logger.getLogger(RetentionSweeper.class);

    private final List<Expiry> expiries;

    public RetentionSweeper(@Any Instance<Expiry> expiries) {
        this.expiries = expiries.stream().toList();
    }

    /** Empties everything expired; answers how many rows, all kinds together. */
    public Uni<Integer> sweep() {
        return Multi.createFrom().iterable(expiries).onItem().transformToUniAndConcatenate(RetentionSweeper::sweep)
                .collect().with(java.util.stream.Collectors.summingInt(Integer::intValue));
    }

    private static Uni<Integer> sweep(Expiry expiry) {
        return Multi.createBy().repeating().uni(expiry::expireBatch).whilst(emptied -> emptied == expiry.batch())
                .collect().with(java.util.stream.Collectors.summingInt(Integer::intValue))
                .invoke(emptied -> {
                    if (emptied > 0) {
                        LOG.infof("retention: %d %s %s emptied", emptied, expiry.what(), expiry.because());
                    }
                });
    }

    @Scheduled(every = "${ft9.retention.every:1h}", delayed = "${ft9.retention.delayed:5m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> everyHour() {
        if (expiries.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return sweep().onFailure().invoke(e -> LOG.warnf("retention sweep failed, tried again later: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
