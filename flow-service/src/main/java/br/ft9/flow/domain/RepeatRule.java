package br.ft9.flow.domain;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Decides whether an automation starts again for a contact it already ran for: never when it runs once per contact,
 * not within its cooldown, otherwise yes. A declined start is kept with the reason this gives.
 */
public final class RepeatRule {

    /** What to do with a trigger for a contact. */
    public sealed interface Decision {
    }

    /** Start a run. */
    public record Start() implements Decision {
    }

    /** Keep a skipped start, with the reason people read in the run history. */
    public record Skip(String reason) implements Decision {
    }

    private RepeatRule() {
    }

    /** Whether the automation needs to know the contact's last run to decide. */
    public static boolean needsHistory(boolean oncePerContact, Duration cooldown) {
        return oncePerContact || cooldown != null;
    }

    /**
     * @param lastRunAt when the automation last started a run (not a skipped one) for this contact, or null if never
     */
    public static Decision decide(boolean oncePerContact, Duration cooldown, OffsetDateTime lastRunAt, OffsetDateTime now) {
        if (lastRunAt == null) {
            return new Start();
        }
        String when = lastRunAt.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        if (oncePerContact) {
            return new Skip("once per contact: already ran for this contact at " + when);
        }
        if (cooldown != null && lastRunAt.plus(cooldown).isAfter(now)) {
            return new Skip("cooldown " + cooldown + ": ran for this contact at " + when);
        }
        return new Start();
    }
}
