package br.ft9.flow.infra;

import jakarta.enterprise.context.ApplicationScoped;

import br.ft9.flow.domain.run.WebhookCalls;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/** {@link WebhookCaller}'s blocking calls on Vert.x worker threads, never on the event loop. */
@ApplicationScoped
public class WebhookCallsOnWorkers implements WebhookCalls {

    private final WebhookCaller caller;
    private final Vertx vertx;

    public WebhookCallsOnWorkers(WebhookCaller caller, Vertx vertx) {
        this.caller = caller;
        this.vertx = vertx;
    }

    @Override
    public Uni<Reply> call(String method, String url, String body) {
        return vertx.executeBlocking(() -> {
            try {
                WebhookCaller.Answer answer = caller.call(method, url, body);
                return (Reply) new Answered(answer.status(), answer.body());
            } catch (WebhookCaller.Refused e) {
                return new Refused(e.getMessage());
            } catch (WebhookCaller.Failed e) {
                return new Failed(e.getMessage());
            }
        }, false);
    }
}
