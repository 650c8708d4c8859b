package br.ft9.flow.infra;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import br.ft9.common.scheduling.FastPoll;
import br.ft9.flow.domain.run.RunEngine;
import br.ft9.flow.domain.run.RunStore;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * Polls for due runs every 250 ms ({@code ft9.flow.poll-interval}; Quarkus' scheduler would round it up to a second):
 * makes abandoned runs READY again, then several workers, each on its own context with its own database sessions,
 * claim batches and have the engine carry their runs forward; a full batch is followed by the next at once.
 */
@ApplicationScoped
public class RunWorker {

    private static final Logger LOG = Logger.getLogger(RunWorker.class);

    private final RunEngine engine;
    private final RunStore store;
    private final Vertx vertx;
    private final String replica;
    private final int batch;
    private final int workers;
    private FastPoll poll;

    public RunWorker(RunEngine engine, RunStore store, Vertx vertx,
            @ConfigProperty(name = "ft9.flow.claim-batch", defaultValue = "20") int batch,
            @ConfigProperty(name = "ft9.flow.workers", defaultValue = "4") int workers) {
        this.engine = engine;
        this.store = store;
        this.vertx = vertx;
        this.batch = batch;
        this.workers = workers;
        this.replica = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

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
        List<Uni<Void>> drains = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            // skip locked gives each worker its own runs
            drains.add(FastPoll.onNewContext(vertx.getDelegate(), this::drain));
        }
        return store.recoverAbandoned().chain(() -> Uni.join().all(drains).andCollectFailures()).replaceWithVoid()
                .onFailure().recoverWithUni(e -> {
                    LOG.warnf("run engine tick failed, will retry: %s", e.getMessage());
                    return Uni.createFrom().voidItem();
                });
    }

    private Uni<Void> drain() {
        return store.claimDue(replica, batch).chain(ids -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (UUID id : ids) {
                chain = chain.chain(() -> engine.execute(id).onFailure().recoverWithUni(e -> {
                    LOG.errorf(e, "run %s could not be carried forward; it will be tried again", id);
                    return engine.unexpected(id, e);
                }));
            }
            return ids.size() == batch ? chain.chain(this::drain) : chain;
        });
    }
}
