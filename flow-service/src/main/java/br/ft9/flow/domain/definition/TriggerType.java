package br.ft9.flow.domain.definition;

import java.util.Arrays;
import java.util.Optional;

/** What starts an automation's runs, by the name definitions and the automation table use. */
public enum TriggerType {
    MESSAGE_RECEIVED, WEBHOOK, SCHEDULED, CONVERSATION_CLOSED, CONTACT_CREATED, PAYMENT_SUCCEEDED, PAYMENT_FAILED,
    SUBSCRIPTION_CHANGED;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Optional<TriggerType> of(String wire) {
        return Arrays.stream(values()).filter(t -> t.wire().equals(wire)).findFirst();
    }

    static String names() {
        return String.join(", ", Arrays.stream(values()).map(TriggerType::wire).sorted().toList());
    }
}
