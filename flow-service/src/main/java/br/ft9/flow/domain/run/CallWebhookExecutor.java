package br.ft9.flow.domain.run;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import br.ft9.flow.domain.Limits;
import br.ft9.flow.domain.definition.CallWebhook;
import io.smallrye.mutiny.Uni;

/** Calls the organisation's system with the rendered address and body; an outage is tried again, a refused address is not. */
@Singleton // no client proxy: its base class takes the kind in its constructor
public class CallWebhookExecutor extends StepExecutor<CallWebhook> {

    private final WebhookCalls webhooks;

    public CallWebhookExecutor(WebhookCalls webhooks) {
        super(CallWebhook.class, Effect.OUTSIDE);
        this.webhooks = webhooks;
    }

    @Override
    public Uni<StepOutcome> perform(CallWebhook step, StepContext run) {
        String url = run.facts().render(step.url(), Limits.URL, "the URL");
        String body = step.body() == null ? null : run.facts().render(step.body(), Limits.BODY, "the body");
        return webhooks.call(step.method(), url, body).map(reply -> {
            if (reply instanceof WebhookCalls.Answered answered) {
                return new StepOutcome.Done(JsonNodeFactory.instance.objectNode().put("status", answered.status())
                        .put("body", answered.body()));
            }
            if (reply instanceof WebhookCalls.Refused refused) {
                return new StepOutcome.Failed("refused: " + refused.reason());
            }
            return new StepOutcome.RetryLater(((WebhookCalls.Failed) reply).reason());
        });
    }
}
