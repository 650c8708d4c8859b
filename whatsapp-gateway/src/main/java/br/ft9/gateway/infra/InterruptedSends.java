package br.ft9.gateway.infra;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import br.ft9.gateway.domain.GatewaySettings;
import br.ft9.gateway.domain.OutboundMessages;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/** Every minute, marks failed the messages whose sender stopped between their claim and Meta's answer (a crash). */
@ApplicationScoped
public class InterruptedSends {

    private static final Logger LOG = Logger.getLogger(InterruptedSends.class);

    private final OutboundMessages outbound;
    private final GatewaySettings settings;

    public InterruptedSends(OutboundMessages outbound, GatewaySettings settings) {
        this.outbound = outbound;
        this.settings = settings;
    }

    @Scheduled(every = "${ft9.whatsapp.interrupted-send-check:PT1M}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> check() {
        return outbound.failInterrupted(settings.interruptedSendAfter()).invoke(failed -> {
            if (failed > 0) {
                LOG.warnf("%d messages were left sending by a gateway that stopped in the middle; marked failed", failed);
            }
        }).replaceWithVoid();
    }
}
