package br.ft9.gateway.infra;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import br.ft9.gateway.domain.Delivery;
import io.smallrye.mutiny.Uni;

/** Without Meta credentials (the local suite, a demo): a message is accepted where it is, in the message table, and sent nowhere. */
@ApplicationScoped
@Typed(LocalOutboxDelivery.class)
public class LocalOutboxDelivery implements Delivery {

    @Override
    public String name() {
        return "local";
    }

    @Override
    public boolean needsConnectedNumber() {
        return false;
    }

    @Override
    public Uni<Result> deliver(Dispatch dispatch) {
        return Uni.createFrom().item(new Accepted(null));
    }
}
