package br.ft9.flow.domain.definition;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** Waits, from a minute to 30 days, given in minutes, hours and days (added up); the wait survives restarts. */
public record Delay(Duration duration) implements Step {

    private static final Duration LONGEST = Duration.ofDays(30);

    @Override
    public StepKind kind() {
        return StepKind.DELAY;
    }

    static Delay read(JsonNode step, String at, List<Violation> violations) {
        long minutes = step.path("minutes").asLong(0) + step.path("hours").asLong(0) * 60 + step.path("days").asLong(0) * 1440;
        Duration duration = Duration.ofMinutes(minutes);
        if (minutes <= 0 || duration.compareTo(LONGEST) > 0) {
            violations.add(new Violation(at, "a delay is given in minutes, hours or days, from 1 minute to 30 days"));
        }
        return new Delay(duration);
    }
}
