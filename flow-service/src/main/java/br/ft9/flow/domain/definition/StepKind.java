package br.ft9.flow.domain.definition;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/** The kinds of step, by the name definitions, the run history and the run.failed event use. */
public enum StepKind {
    SEND_WHATSAPP(SendWhatsApp::read), SEND_EMAIL(SendEmail::read), DELAY(Delay::read), SET_CONTACT_FIELD(SetContactField::read),
    ADD_TAG(AddTag::read), HANDOFF_TO_HUMAN(HandoffToHuman::read), CALL_WEBHOOK(CallWebhook::read), AI_GENERATE(AiGenerate::read),
    BRANCH(Branch::read);

    /** How a kind reads its step. */
    @FunctionalInterface
    interface Reader {
        Step read(JsonNode step, String at, List<Violation> violations);
    }

    private final Reader reader;

    StepKind(Reader reader) {
        this.reader = reader;
    }

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    Step read(JsonNode step, String at, List<Violation> violations) {
        return reader.read(step, at, violations);
    }

    static Optional<StepKind> of(String wire) {
        return Arrays.stream(values()).filter(k -> k.wire().equals(wire)).findFirst();
    }

    static String names() {
        return String.join(", ", Arrays.stream(values()).map(StepKind::wire).sorted().toList());
    }
}
