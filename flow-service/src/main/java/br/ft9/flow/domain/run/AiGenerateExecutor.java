package br.ft9.flow.domain.run;

import java.util.Map;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import br.ft9.flow.domain.definition.AiGenerate;
import io.smallrye.mutiny.Uni;

/**
 * Asks the organisation's knowledge the rendered question (its first 1,000 characters) with the run's contact; the
 * answer becomes {@code <as>.answer}, {@code <as>.handoff} ("true" when the knowledge has none) and {@code <as>.sources}.
 */
@Singleton // no client proxy: its base class takes the kind in its constructor
public class AiGenerateExecutor extends StepExecutor<AiGenerate> {

    private final Assistant assistant;

    public AiGenerateExecutor(Assistant assistant) {
        super(AiGenerate.class, Effect.OUTSIDE);
        this.assistant = assistant;
    }

    @Override
    public Uni<StepOutcome> perform(AiGenerate step, StepContext run) {
        String question = run.facts().render(step.question()).strip();
        if (question.isEmpty()) {
            return Uni.createFrom().item(new StepOutcome.Failed("the question is empty once its variables are filled"));
        }
        String asked = question.length() > AiGenerate.QUESTION ? question.substring(0, AiGenerate.QUESTION) : question;
        return assistant.ask(run.orgId(), asked, run.facts().get("contact.contactId")).map(reply -> {
            if (reply instanceof Assistant.Answered answer) {
                ObjectNode output = JsonNodeFactory.instance.objectNode().put("text", answer.text()).put("handoff", answer.handoff());
                answer.sources().forEach(output.putArray("sources")::add);
                return new StepOutcome.Done(output, Map.of(step.as() + ".answer", answer.text(),
                        step.as() + ".handoff", Boolean.toString(answer.handoff()), step.as() + ".sources", String.join(", ", answer.sources())));
            }
            if (reply instanceof Assistant.Refused refused) {
                return new StepOutcome.Failed(refused.reason());
            }
            return new StepOutcome.RetryLater(((Assistant.Unavailable) reply).reason());
        });
    }
}
