package br.ft9.gateway.infra;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import br.ft9.common.security.SealedSecrets;
import br.ft9.common.security.SecretBox;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;

/** After a rotation of the channel-token key, the number directory's copies of the access tokens are sealed again at start. */
@ApplicationScoped
public class ChannelTokenRotation {

    private static final Logger LOG = Logger.getLogger(ChannelTokenRotation.class);

    void onStart(@Observes StartupEvent start, Pool pool, SecretBox box) {
        SealedSecrets.resealAll(pool, box, "channel", "phone_number_id", "access_token_sealed").subscribe()
                .with(count -> { }, failure -> LOG.warnf("channel tokens not sealed again (next start tries again): %s",
                        failure.getMessage()));
    }
}
