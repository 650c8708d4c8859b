package br.ft9.flow.domain;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An automation's definition (trigger, conditions, steps) checked and compiled into a flat program that a run
 * walks with one step pointer: a {@code branch} becomes a conditional jump over its {@code then} steps and a jump
 * over its {@code else} steps, so a run's position is always one number and survives restarts as such. Every
 * problem is reported with the path of the field at fault, e.g. {@code steps[2].then[0].text}.
 */
public final class AutomationDefinition {

    /** A problem in the definition, at a JSON path. */
    public record Violation(String path, String message) {
    }

    /** The definition is not valid; every problem found is listed. */
    public static final class Invalid extends RuntimeException {
        private final List<Violation> violations;

        public Invalid(List<Violation> violations) {
            super(violations.get(0).path() + ": " + violations.get(0).message());
            this.violations = List.copyOf(violations);
        }

        public List<Violation> violations() {
            return violations;
        }
    }

    /** One instruction of the compiled program: an action, or a jump ({@code target}) unless {@code condition} holds. */
    public record Instruction(String type, String path, JsonNode step, JsonNode condition, int target) {
        public static final String JUMP = "jump";
        public static final String JUMP_UNLESS = "jump_unless";
    }

    static final Set<String> ACTIONS = Set.of("send_whatsapp", "send_email", "delay", "set_contact_field", "add_tag",
            "handoff_to_human", "call_webhook", "ai_generate", "branch");
    /** Where an {@code ai_generate} step puts its answer when it names no other place: {@code {{ai.answer}}}. */
    static final String DEFAULT_ANSWER_NAME = "ai";
    static final Set<String> TRIGGERS_AVAILABLE = Set.of("message_received", "webhook", "scheduled", "conversation_closed",
            "contact_created", "payment_succeeded", "payment_failed", "subscription_changed");
    static final Set<String> TRIGGERS_LATER = Set.of("ai_generate");
    static final Set<String> OPERATORS = Set.of("equals", "not_equals", "contains", "regex", "gt", "lt", "exists");
    private static final Pattern FIELD = Pattern.compile("[a-z][a-z0-9_]{0,39}");
    private static final long MAX_DELAY_MINUTES = 30L * 24 * 60;
    private static final Duration MAX_COOLDOWN = Duration.ofDays(30);

    private final JsonNode trigger;
    private final JsonNode conditions;
    private final List<Instruction> program;
    private final Duration cooldown;

    private AutomationDefinition(JsonNode trigger, JsonNode conditions, List<Instruction> program, Duration cooldown) {
        this.trigger = trigger;
        this.conditions = conditions;
        this.program = List.copyOf(program);
        this.cooldown = cooldown;
    }

    /**
     * How long after a run for a contact the automation declines to start again for that contact (an after-hours
     * reply answers the first message of a conversation, not each one), or null when every trigger starts a run.
     */
    public Duration cooldown() {
        return cooldown;
    }

    public JsonNode trigger() {
        return trigger;
    }

    public String triggerType() {
        return trigger.path("type").asText();
    }

    /** The conditions on the trigger's data and the contact, or a missing node when there are none. */
    public JsonNode conditions() {
        return conditions;
    }

    public List<Instruction> program() {
        return program;
    }

    public static AutomationDefinition compile(JsonNode root) {
        List<Violation> violations = new ArrayList<>();
        if (root == null || !root.isObject()) {
            throw new Invalid(List.of(new Violation("definition", "the definition must be a JSON object")));
        }
        if (root.toString().length() > Limits.DEFINITION) {
            throw new Invalid(List.of(new Violation("definition", "a definition is at most " + Limits.DEFINITION
                    + " characters of JSON")));
        }
        JsonNode trigger = root.path("trigger");
        checkTrigger(trigger, violations);
        JsonNode conditions = root.path("conditions");
        if (!conditions.isMissingNode() && !conditions.isNull()) {
            checkCondition(conditions, "conditions", violations);
        }
        Duration cooldown = cooldown(root.path("cooldown"), violations);
        JsonNode steps = root.path("steps");
        List<Instruction> program = new ArrayList<>();
        if (!steps.isArray() || steps.isEmpty()) {
            violations.add(new Violation("steps", "at least one step is needed"));
        } else {
            compileSteps(steps, "steps", program, violations);
            if (program.size() > Limits.STEPS) {
                violations.add(new Violation("steps", "a definition has at most " + Limits.STEPS + " steps, branches included"));
            }
        }
        if (!violations.isEmpty()) {
            throw new Invalid(violations);
        }
        return new AutomationDefinition(trigger, conditions, program, cooldown);
    }

    /** An ISO-8601 duration such as "PT12H" or "P1D", from one minute to 30 days; absent or null means none. */
    private static Duration cooldown(JsonNode node, List<Violation> violations) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        String problem = "cooldown is an ISO-8601 duration from PT1M to P30D, e.g. \"PT12H\" (at most one run per contact within it)";
        if (!node.isTextual()) {
            violations.add(new Violation("cooldown", problem));
            return null;
        }
        try {
            Duration cooldown = Duration.parse(node.asText());
            if (cooldown.compareTo(Duration.ofMinutes(1)) < 0 || cooldown.compareTo(MAX_COOLDOWN) > 0) {
                violations.add(new Violation("cooldown", problem));
                return null;
            }
            return cooldown;
        } catch (DateTimeParseException e) {
            violations.add(new Violation("cooldown", problem));
            return null;
        }
    }

    private static void checkTrigger(JsonNode trigger, List<Violation> violations) {
        String type = trigger.path("type").asText("");
        if (TRIGGERS_LATER.contains(type)) {
            violations.add(new Violation("trigger.type", type + " triggers are not available yet"));
            return;
        }
        if (!TRIGGERS_AVAILABLE.contains(type)) {
            violations.add(new Violation("trigger.type", "trigger.type must be one of " + String.join(", ", TRIGGERS_AVAILABLE.stream().sorted().toList())));
            return;
        }
        if ("scheduled".equals(type)) {
            try {
                Schedules.cron(trigger.path("cron").asText(""));
            } catch (IllegalArgumentException e) {
                violations.add(new Violation("trigger.cron", "cron is a Quartz expression such as \"0 0 9 ? * MON-FRI\" (in the "
                        + "organisation's time zone): " + e.getMessage()));
            }
        }
        if ("message_received".equals(type)) {
            String match = trigger.path("match").asText("any");
            switch (match) {
                case "any", "first_message" -> { }
                case "keyword" -> {
                    JsonNode keywords = trigger.path("keywords");
                    if (!keywords.isArray() || keywords.isEmpty() || !allText(keywords)) {
                        violations.add(new Violation("trigger.keywords", "a keyword trigger needs a list of keywords"));
                    }
                }
                case "regex" -> {
                    String problem = trigger.path("pattern").asText("").isEmpty() ? "a regex trigger needs a pattern"
                            : UserPattern.problem(trigger.path("pattern").asText());
                    if (problem != null) {
                        violations.add(new Violation("trigger.pattern", problem));
                    }
                }
                default -> violations.add(new Violation("trigger.match", "match is any, first_message, keyword or regex"));
            }
            String hours = trigger.path("hours").asText("any");
            if (!Set.of("any", "within", "outside").contains(hours)) {
                violations.add(new Violation("trigger.hours", "hours is any, within or outside (business hours)"));
            }
        }
    }

    private static void compileSteps(JsonNode steps, String path, List<Instruction> program, List<Violation> violations) {
        for (int i = 0; i < steps.size(); i++) {
            JsonNode step = steps.get(i);
            String at = path + "[" + i + "]";
            String type = step.path("type").asText("");
            if (!ACTIONS.contains(type)) {
                violations.add(new Violation(at + ".type", TRIGGERS_LATER.contains(type) ? type + " steps are not available yet"
                        : "type must be one of " + String.join(", ", ACTIONS.stream().sorted().toList())));
                continue;
            }
            if ("branch".equals(type)) {
                checkCondition(step.path("if"), at + ".if", violations);
                int jumpUnless = program.size();
                program.add(null); // patched once the then-steps' length is known
                compileSteps(array(step.path("then")), at + ".then", program, violations);
                int jumpOverElse = program.size();
                program.add(null);
                program.set(jumpUnless, new Instruction(Instruction.JUMP_UNLESS, at, step, step.path("if"), program.size()));
                compileSteps(array(step.path("else")), at + ".else", program, violations);
                program.set(jumpOverElse, new Instruction(Instruction.JUMP, at, step, null, program.size()));
                continue;
            }
            checkAction(type, step, at, violations);
            program.add(new Instruction(type, at, step, null, -1));
        }
    }

    private static void checkAction(String type, JsonNode step, String at, List<Violation> violations) {
        switch (type) {
            case "send_whatsapp" -> {
                boolean text = step.hasNonNull("text");
                boolean template = step.hasNonNull("template");
                if (text == template) {
                    violations.add(new Violation(at, "send_whatsapp needs either text or template"));
                }
                if (text && (step.path("text").asText().isBlank() || step.path("text").asText().length() > Limits.TEXT)) {
                    violations.add(new Violation(at + ".text", "text is 1 to " + Limits.TEXT + " characters"));
                }
                if (template) {
                    checkTemplate(step.path("template"), at + ".template", violations);
                }
                if (step.hasNonNull("fallbackTemplate")) {
                    checkTemplate(step.path("fallbackTemplate"), at + ".fallbackTemplate", violations);
                }
            }
            case "send_email" -> {
                String to = step.path("to").asText("");
                if (!to.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+") && !to.matches(".*\\{\\{.+}}.*")) {
                    violations.add(new Violation(at + ".to", "to is an email address or a variable like {{trigger.email}}"));
                }
                if (step.path("subject").asText("").isBlank() || step.path("subject").asText().length() > 200) {
                    violations.add(new Violation(at + ".subject", "subject is 1 to 200 characters"));
                }
                if (step.path("body").asText("").isBlank() || step.path("body").asText().length() > Limits.BODY) {
                    violations.add(new Violation(at + ".body", "body is 1 to " + Limits.BODY + " characters"));
                }
            }
            case "delay" -> {
                long minutes = step.path("minutes").asLong(0) + step.path("hours").asLong(0) * 60 + step.path("days").asLong(0) * 1440;
                if (minutes <= 0 || minutes > MAX_DELAY_MINUTES) {
                    violations.add(new Violation(at, "a delay is given in minutes, hours or days, from 1 minute to 30 days"));
                }
            }
            case "set_contact_field" -> {
                if (!FIELD.matcher(step.path("field").asText("")).matches()) {
                    violations.add(new Violation(at + ".field", "field is a lower-case name of up to 40 letters, digits or _"));
                }
                if (!step.path("value").isTextual() || step.path("value").asText().length() > Limits.FIELD_VALUE) {
                    violations.add(new Violation(at + ".value", "value is a text of up to " + Limits.FIELD_VALUE
                            + " characters (variables like {{trigger.text}} allowed)"));
                }
            }
            case "add_tag" -> {
                String tag = step.path("tag").asText("");
                if (tag.isBlank() || tag.length() > 50) {
                    violations.add(new Violation(at + ".tag", "tag is 1 to 50 characters"));
                }
            }
            case "call_webhook" -> {
                String url = step.path("url").asText("");
                if (!url.startsWith("https://") && !url.startsWith("http://") || url.length() > Limits.URL) {
                    violations.add(new Violation(at + ".url", "url is an http or https address of up to " + Limits.URL + " characters"));
                }
                JsonNode body = step.path("body");
                if (!body.isMissingNode() && (body.isTextual() ? body.asText() : body.toString()).length() > Limits.BODY) {
                    violations.add(new Violation(at + ".body", "body is at most " + Limits.BODY + " characters"));
                }
                String method = step.path("method").asText("POST");
                if (!Set.of("GET", "POST", "PUT").contains(method)) {
                    violations.add(new Violation(at + ".method", "method is GET, POST or PUT"));
                }
            }
            case "ai_generate" -> {
                String question = step.path("question").asText("");
                if (question.isBlank() || question.length() > 1000) {
                    violations.add(new Violation(at + ".question", "question is 1 to 1000 characters (variables like {{trigger.text}} allowed)"));
                }
                String as = step.path("as").asText(DEFAULT_ANSWER_NAME);
                if (!FIELD.matcher(as).matches() || Set.of("trigger", "contact").contains(as)) {
                    violations.add(new Violation(at + ".as", "as is a lower-case name for the answer (not trigger or contact)"));
                }
            }
            default -> {
                // handoff_to_human: reason and message are optional, and bounded
                if (step.path("message").asText("").length() > Limits.TEXT) {
                    violations.add(new Violation(at + ".message", "message is at most " + Limits.TEXT + " characters"));
                }
                if (step.path("reason").asText("").length() > Limits.REASON) {
                    violations.add(new Violation(at + ".reason", "reason is at most " + Limits.REASON + " characters"));
                }
            }
        }
    }

    private static void checkTemplate(JsonNode template, String at, List<Violation> violations) {
        if (template.path("name").asText("").isBlank()) {
            violations.add(new Violation(at + ".name", "a template needs its approved name"));
        }
        if (template.path("language").asText("").isBlank()) {
            violations.add(new Violation(at + ".language", "a template needs its language, e.g. pt_BR"));
        }
        if (template.has("parameters") && (!template.path("parameters").isArray() || !allText(template.path("parameters")))) {
            violations.add(new Violation(at + ".parameters", "parameters is a list of texts"));
        } else if (template.path("parameters").size() > Limits.TEMPLATE_PARAMETERS) {
            violations.add(new Violation(at + ".parameters", "a template has at most " + Limits.TEMPLATE_PARAMETERS + " parameters"));
        } else {
            for (int i = 0; i < template.path("parameters").size(); i++) {
                if (template.path("parameters").get(i).asText().length() > Limits.TEMPLATE_PARAMETER) {
                    violations.add(new Violation(at + ".parameters[" + i + "]", "a parameter is at most " + Limits.TEMPLATE_PARAMETER
                            + " characters"));
                }
            }
        }
    }

    /** A condition is {"all": [...]}, {"any": [...]} or {"field", "op", "value"}. */
    static void checkCondition(JsonNode condition, String at, List<Violation> violations) {
        if (condition.has("all") || condition.has("any")) {
            JsonNode group = condition.has("all") ? condition.path("all") : condition.path("any");
            String key = condition.has("all") ? "all" : "any";
            if (!group.isArray() || group.isEmpty()) {
                violations.add(new Violation(at + "." + key, key + " is a non-empty list of conditions"));
                return;
            }
            for (int i = 0; i < group.size(); i++) {
                checkCondition(group.get(i), at + "." + key + "[" + i + "]", violations);
            }
            return;
        }
        if (!condition.path("field").isTextual() || condition.path("field").asText().isBlank()) {
            violations.add(new Violation(at + ".field", "a condition names a field, e.g. trigger.text or contact.name"));
        }
        String op = condition.path("op").asText("");
        if (!OPERATORS.contains(op)) {
            violations.add(new Violation(at + ".op", "op is one of " + String.join(", ", OPERATORS.stream().sorted().toList())));
        } else if (!"exists".equals(op) && !condition.has("value")) {
            violations.add(new Violation(at + ".value", op + " needs a value"));
        } else if ("regex".equals(op)) {
            String problem = UserPattern.problem(condition.path("value").asText(""));
            if (problem != null) {
                violations.add(new Violation(at + ".value", problem));
            }
        }
    }

    private static JsonNode array(JsonNode node) {
        return node.isArray() ? node : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
    }

    private static boolean allText(JsonNode array) {
        for (JsonNode item : array) {
            if (!item.isTextual() || item.asText().isBlank()) {
                return false;
            }
        }
        return true;
    }
}
