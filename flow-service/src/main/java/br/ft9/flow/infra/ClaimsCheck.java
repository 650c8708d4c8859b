package br.ft9.flow.infra;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import br.ft9.flow.domain.AnnouncedClaims;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Shortly after start, then hourly and as each month begins (UTC, as runs are counted), announces the claims of
 * organisations whose automations predate the announcement, and of those whose claims were withdrawn for want of runs
 * that have runs left again; one query when there are none. Every change to an automation or a plan announces itself.
 */
@ApplicationScoped
public class ClaimsCheck {

    private static final Logger LOG = Logger.getLogger(ClaimsCheck.class);

    private final AnnouncedClaims claims;

    public ClaimsCheck(AnnouncedClaims claims) {
        this.claims = claims;
    }

    @Scheduled(every = "${ft9.flow.claims-check-interval:PT1H}", delayed = "3s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> announce() {
        return announceDue();
    }

    @Scheduled(cron = "1 0 0 1 * ?", timeZone = "UTC", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> monthBegins() {
        return announceDue();
    }

    private Uni<Void> announceDue() {
        return claims.announceDue().invoke(announced -> {
            if (announced > 0) {
                LOG.infof("announced the automations' claims on messages of %d organisations", announced);
            }
        }).replaceWithVoid();
    }
}
