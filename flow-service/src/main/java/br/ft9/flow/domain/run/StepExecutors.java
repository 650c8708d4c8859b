package br.ft9.flow.domain.run;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import br.ft9.flow.domain.definition.Step;

/** The executor of each kind of step (a branch is no step to perform: it became jumps). */
@ApplicationScoped
public class StepExecutors {

    private final Map<Class<?>, StepExecutor<?>> byKind;

    public StepExecutors(SendWhatsAppExecutor sendWhatsApp, SendEmailExecutor sendEmail, DelayExecutor delay,
            SetContactFieldExecutor setContactField, AddTagExecutor addTag, HandoffToHumanExecutor handoff,
            CallWebhookExecutor callWebhook, AiGenerateExecutor aiGenerate) {
        this.byKind = List.<StepExecutor<?>>of(sendWhatsApp, sendEmail, delay, setContactField, addTag, handoff, callWebhook, aiGenerate)
                .stream().collect(Collectors.toMap(StepExecutor::kind, Function.identity()));
    }

    @SuppressWarnings("unchecked")
    public <S extends Step> StepExecutor<S> of(S step) {
        StepExecutor<S> executor = (StepExecutor<S>) byKind.get(step.getClass());
        if (executor == null) {
            throw new IllegalStateException("no executor for " + step.kind().wire() + " steps");
        }
        return executor;
    }
}
