package br.ft9.tenant.infra;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import br.ft9.tenant.domain.Organizations;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** Every minute, has the domain erase, one by one, the organisations whose deletion grace period is over. */
@ApplicationScoped
public class DeletionSweeper {

    private static final Logger LOG = Logger.getLogger(DeletionSweeper.class);

    private final Organizations organizations;

    public DeletionSweeper(Organizations organizations) {
        this.organizations = organizations;
    }

    @Scheduled(every = "${ft9.deletion.sweep-interval:60s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> sweep() {
        return organizations.dueForErasure(20)
                .onItem().transformToMulti(ids -> Multi.createFrom().iterable(ids))
                .onItem().transformToUniAndConcatenate(orgId -> organizations.eraseIfDue(orgId)
                        .invoke(erased -> {
                            if (erased) {
                                LOG.infof("organisation %s erased after its grace period", orgId);
                            }
                        }))
                .collect().last().replaceWithVoid()
                .onFailure().invoke(e -> LOG.warnf("deletion sweep failed, will retry: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
