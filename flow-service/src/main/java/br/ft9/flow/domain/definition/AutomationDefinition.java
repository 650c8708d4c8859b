package br.ft9.flow.domain.definition;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import br.ft9.flow.domain.Limits;

/**
 * An automation's definition (trigger, conditions, cooldown, steps) read once into typed parts and compiled into the
 * flat {@link Instruction} program a run walks, so a run's position is always one number and survives restarts as
 * such. Every problem is reported with the path of the field at fault.
 */
public record AutomationDefinition(Trigger trigger, Condition conditions, Duration cooldown, List<Instruction> program) {

    private static final Duration LONGEST_COOLDOWN = Duration.ofDays(30);

    /** Whether the automation's conditions hold for these facts (none: they hold). */
    public boolean accepts(java.util.function.Function<String, String> facts) {
        return conditions == null || conditions.holds(facts);
    }

    /** Reads and checks a definition; {@link InvalidDefinition} lists every problem. */
    public static AutomationDefinition compile(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new InvalidDefinition(List.of(new Violation("definition", "the definition must be a JSON object")));
        }
        if (root.toString().length() > Limits.DEFINITION) {
            throw new InvalidDefinition(List.of(new Violation("definition", "a definition is at most " + Limits.DEFINITION
                    + " characters of JSON")));
        }
        List<Violation> violations = new ArrayList<>();
        Trigger trigger = Trigger.read(root.path("trigger"), violations);
        JsonNode conditionsNode = root.path("conditions");
        Condition conditions = conditionsNode.isMissingNode() || conditionsNode.isNull() ? null
                : Condition.read(conditionsNode, "conditions", violations);
        Duration cooldown = cooldown(root.path("cooldown"), violations);
        JsonNode stepsNode = root.path("steps");
        List<Instruction> program = new ArrayList<>();
        if (!stepsNode.isArray() || stepsNode.isEmpty()) {
            violations.add(new Violation("steps", "at least one step is needed"));
        } else {
            List<Step> steps = Branch.steps(stepsNode, "steps", violations);
            if (violations.isEmpty()) {
                flatten(steps, stepsNode, "steps", program);
                if (program.size() > Limits.STEPS) {
                    violations.add(new Violation("steps", "a definition has at most " + Limits.STEPS + " steps, branches included"));
                }
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidDefinition(violations);
        }
        return new AutomationDefinition(trigger, conditions, cooldown, List.copyOf(program));
    }

    /** A branch becomes a conditional jump over its then-steps, those steps, a jump over its else-steps, those steps. */
    private static void flatten(List<Step> steps, JsonNode written, String path, List<Instruction> program) {
        for (int i = 0; i < steps.size(); i++) {
            String at = path + "[" + i + "]";
            JsonNode input = written.get(i);
            if (steps.get(i) instanceof Branch branch) {
                int jumpUnless = program.size();
                program.add(null); // set once the then-steps' length is known
                flatten(branch.then(), Reading.array(input.path("then")), at + ".then", program);
                int jumpOverElse = program.size();
                program.add(null);
                program.set(jumpUnless, new Instruction.JumpUnless(at, branch.when(), program.size()));
                flatten(branch.otherwise(), Reading.array(input.path("else")), at + ".else", program);
                program.set(jumpOverElse, new Instruction.Jump(at, program.size()));
            } else {
                program.add(new Instruction.Perform(at, steps.get(i), input));
            }
        }
    }

    /** An ISO-8601 duration such as "PT12H" or "P1D", from one minute to 30 days; absent or null means none. */
    private static Duration cooldown(JsonNode node, List<Violation> violations) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        String problem = "cooldown is an ISO-8601 duration from PT1M to P30D, e.g. \"PT12H\" (at most one run per contact within it)";
        try {
            Duration cooldown = node.isTextual() ? Duration.parse(node.asText()) : null;
            if (cooldown != null && cooldown.compareTo(Duration.ofMinutes(1)) >= 0 && cooldown.compareTo(LONGEST_COOLDOWN) <= 0) {
                return cooldown;
            }
        } catch (DateTimeParseException e) {
            // reported below, as every other wrong value
        }
        violations.add(new Violation("cooldown", problem));
        return null;
    }
}
