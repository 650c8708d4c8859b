package br.ft9.flow.domain.definition;

import static br.ft9.common.text.MessageClaim.fold;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

import br.ft9.common.text.UserPattern;

/**
 * A test on what a run knows ({@code trigger.text}, {@code contact.fields.plan}): all of, any of, or one field compared
 * by an operator, ignoring case and accents. Used by an automation's conditions and by its branches.
 */
public sealed interface Condition {

    /** Whether it holds, reading facts by dotted name (null when unknown). */
    boolean holds(Function<String, String> facts);

    /** Every condition holds. */
    record All(List<Condition> conditions) implements Condition {
        @Override
        public boolean holds(Function<String, String> facts) {
            return conditions.stream().allMatch(c -> c.holds(facts));
        }
    }

    /** At least one condition holds. */
    record AnyOf(List<Condition> conditions) implements Condition {
        @Override
        public boolean holds(Function<String, String> facts) {
            return conditions.stream().anyMatch(c -> c.holds(facts));
        }
    }

    /** One fact compared with a value. */
    record Test(String field, Operator op, String value) implements Condition {
        @Override
        public boolean holds(Function<String, String> facts) {
            return op.test(facts.apply(field), value);
        }
    }

    /** How a fact is compared; numbers accept a decimal comma. */
    enum Operator {
        EQUALS, NOT_EQUALS, CONTAINS, REGEX, GT, LT, EXISTS;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Optional<Operator> of(String wire) {
            return Arrays.stream(values()).filter(o -> o.wire().equals(wire)).findFirst();
        }

        static String names() {
            return String.join(", ", Arrays.stream(values()).map(Operator::wire).sorted().toList());
        }

        boolean test(String actual, String expected) {
            return switch (this) {
                case EXISTS -> actual != null && !actual.isEmpty();
                case EQUALS -> actual != null && fold(actual).equals(fold(expected));
                case NOT_EQUALS -> actual == null || !fold(actual).equals(fold(expected));
                case CONTAINS -> actual != null && fold(actual).contains(fold(expected));
                case REGEX -> UserPattern.find(expected, actual);
                case GT -> number(actual) != null && number(expected) != null && number(actual) > number(expected);
                case LT -> number(actual) != null && number(expected) != null && number(actual) < number(expected);
            };
        }

        private static Double number(String value) {
            try {
                return value == null ? null : Double.valueOf(value.replace(',', '.'));
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    /** Reads {"all": [...]}, {"any": [...]} or {"field", "op", "value"}, adding what is wrong at {@code at}. */
    static Condition read(JsonNode condition, String at, List<Violation> violations) {
        if (condition.has("all") || condition.has("any")) {
            String key = condition.has("all") ? "all" : "any";
            JsonNode group = condition.path(key);
            if (!group.isArray() || group.isEmpty()) {
                violations.add(new Violation(at + "." + key, key + " is a non-empty list of conditions"));
                return null;
            }
            List<Condition> members = new ArrayList<>();
            for (int i = 0; i < group.size(); i++) {
                members.add(read(group.get(i), at + "." + key + "[" + i + "]", violations));
            }
            return "all".equals(key) ? new All(members) : new AnyOf(members);
        }
        String field = condition.path("field").asText("");
        if (!condition.path("field").isTextual() || field.isBlank()) {
            violations.add(new Violation(at + ".field", "a condition names a field, e.g. trigger.text or contact.name"));
        }
        Optional<Operator> op = Operator.of(condition.path("op").asText(""));
        String value = condition.path("value").asText("");
        if (op.isEmpty()) {
            violations.add(new Violation(at + ".op", "op is one of " + Operator.names()));
        } else if (op.get() != Operator.EXISTS && !condition.has("value")) {
            violations.add(new Violation(at + ".value", op.get().wire() + " needs a value"));
        } else if (op.get() == Operator.REGEX && UserPattern.problem(value) != null) {
            violations.add(new Violation(at + ".value", UserPattern.problem(value)));
        }
        return new Test(field, op.orElse(Operator.EXISTS), value);
    }
}
