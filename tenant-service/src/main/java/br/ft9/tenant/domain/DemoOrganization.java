package br.ft9.tenant.domain;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * Seeds the demo organisation of a local suite (FT9_DEMO_SEED=true, set only by deploy/local/up.sh): a clinic in
 * Recife, pt-BR, with its business hours and a WhatsApp number whose answers stay in the gateway's local outbox. Its id
 * is the one auth-service's demo admin belongs to. Created once, announced through the outbox like any other.
 */
public class DemoOrganization {

    private static final Logger LOG = Logger.getLogger(DemoOrganization.class);
    static final String NAME = "Clínica Sorriso Recife";

    void seed(@Observes StartupEvent started, Organizations organizations, Channels channels,
            @ConfigProperty(name = "ft9.demo.seed", defaultValue = "false") boolean enabled,
            @ConfigProperty(name = "ft9.demo.org-id") Optional<UUID> demoOrg,
            @ConfigProperty(name = "ft9.demo.phone-number-id") Optional<String> phoneNumberId) throws Throwable {
        if (!enabled) {
            return;
        }
        UUID orgId = demoOrg.orElseThrow(() -> new IllegalStateException("FT9_DEMO_SEED needs FT9_DEMO_ORG_ID"));
        Boolean exists = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> Organization.findById(orgId))
                .map(found -> found != null));
        if (exists) {
            return;
        }
        List<BusinessHours.Interval> day = List.of(new BusinessHours.Interval("08:00", "12:00"), new BusinessHours.Interval("13:00", "18:00"));
        Map<String, List<BusinessHours.Interval>> hours = Map.of("monday", day, "tuesday", day, "wednesday", day, "thursday", day,
                "friday", day, "saturday", List.of(new BusinessHours.Interval("08:00", "12:00")));
        VertxContextSupport.subscribeAndAwait(() -> organizations.open(orgId, new NewOrganization(NAME,
                // the id in the slug: a database that kept the demo clinic of an earlier local.env does not clash
                "clinica-sorriso-" + orgId.toString().substring(0, 8), "America/Recife", "pt-BR"), null)
                .chain(() -> organizations.change(orgId, new SettingsChange(null, null, null, hours,
                        "a recepção virtual da Clínica Sorriso", "FRIENDLY", true,
                        "Vou chamar alguém da recepção para te ajudar. Atendemos de segunda a sexta, das 8h às 18h, e sábado até 12h.",
                        "admin@ft9.com.br", null)))
                .chain(() -> phoneNumberId.filter(id -> !id.isBlank()).map(id -> channels.connect(orgId,
                        new NewChannel(id, "+55 81 3222-0000", "102290129340398", "local-demo-token-not-a-real-graph-token"))
                        .replaceWithVoid()).orElse(Uni.createFrom().voidItem())));
        LOG.warnf("demo organisation created: %s (%s)", NAME, orgId);
    }
}
