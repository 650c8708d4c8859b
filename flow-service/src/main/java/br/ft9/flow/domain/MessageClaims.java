package br.ft9.flow.domain;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import br.ft9.common.text.MessageClaim;
import br.ft9.flow.domain.definition.AutomationDefinition;
import br.ft9.flow.domain.definition.HandoffToHuman;
import br.ft9.flow.domain.definition.Instruction;
import br.ft9.flow.domain.definition.SendWhatsApp;

/**
 * Decides which automations answer a contact's message by themselves, so that the assistant leaves those messages to
 * them: an active automation whose keyword or pattern trigger matches, which sends a WhatsApp message or hands the
 * conversation to a person whatever happens (a step outside any branch), and which starts every time it matches (no
 * conditions, no cooldown, not once per contact). An automation that may decline a message claims none: a patient
 * answered twice is better than one not answered at all. Nor does any while the organisation's plan has no automation
 * runs left this month: none of them would start.
 */
public final class MessageClaims {

    /** An automation as the rule reads it. */
    public record Candidate(UUID id, String name, boolean active, boolean oncePerContact, AutomationDefinition definition) {
    }

    private MessageClaims() {
    }

    /** The claims of the organisation's automations, in the order given; none when its plan has no runs left. */
    public static List<MessageClaim> of(List<Candidate> automations, boolean runsLeft) {
        return runsLeft ? automations.stream().map(MessageClaims::of).flatMap(Optional::stream).toList() : List.of();
    }

    /** The automation's claim, if it makes one. */
    public static Optional<MessageClaim> of(Candidate automation) {
        AutomationDefinition definition = automation.definition();
        if (!automation.active() || automation.oncePerContact() || definition.cooldown() != null || definition.conditions() != null
                || !answersWhatever(definition.program())) {
            return Optional.empty();
        }
        return definition.trigger().claim(automation.id(), automation.name());
    }

    /** Whether the program sends a message or hands off at its top level, where no branch can pass it by. */
    private static boolean answersWhatever(List<Instruction> program) {
        return program.stream().anyMatch(instruction -> instruction instanceof Instruction.Perform perform
                && perform.path().matches("steps\\[\\d+]")
                && (perform.step() instanceof SendWhatsApp || perform.step() instanceof HandoffToHuman));
    }
}
