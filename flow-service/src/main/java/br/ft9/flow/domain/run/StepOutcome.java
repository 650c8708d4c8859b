package br.ft9.flow.domain.run;

import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** What performing a step came to; the engine records it and moves the run accordingly. */
public sealed interface StepOutcome {

    /** Done: the run goes on with the next step, knowing {@code learnt} (dotted fact names to values) from now on. */
    record Done(JsonNode output, Map<String, String> learnt) implements StepOutcome {
        public Done(JsonNode output) {
            this(output, Map.of());
        }
    }

    /** Not done, on purpose (the contact opted out): the run goes on with the next step. */
    record Skipped(JsonNode output) implements StepOutcome {
    }

    /** Done, and the next step is due only after {@code duration}. */
    record Waits(Duration duration, JsonNode output) implements StepOutcome {
    }

    /** Failed for a reason that may pass (an outage): the step is tried again later, up to the last attempt. */
    record RetryLater(String error) implements StepOutcome {
    }

    /** Failed for good: the run fails with the reason. */
    record Failed(String error) implements StepOutcome {
    }
}
