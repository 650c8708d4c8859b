package br.ft9.flow.domain.definition;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import br.ft9.common.text.MessageClaim;
import br.ft9.common.text.MessageText;
import br.ft9.common.text.UserPattern;
import br.ft9.flow.domain.Schedules;

/**
 * What starts an automation: its type, and for {@code message_received} which messages (any, the first of a
 * conversation, whole keywords, a pattern) at which hours; for {@code scheduled} its Quartz cron.
 */
public record Trigger(TriggerType type, Match match, List<String> keywords, String pattern, MessageClaim.Hours hours, String cron) {

    /** Which of a contact's messages set off a {@code message_received} trigger. */
    public enum Match {
        ANY, FIRST_MESSAGE, KEYWORD, REGEX
    }

    public Trigger {
        keywords = MessageClaim.foldAll(keywords);
    }

    /** Whether a contact's message sets this trigger off (keywords by {@link MessageClaim}'s rule, which memory-service shares). */
    public boolean matchesMessage(MessageText message, boolean firstMessage, boolean withinBusinessHours) {
        if (!MessageClaim.atHours(hours, withinBusinessHours)) {
            return false;
        }
        return switch (match) {
            case FIRST_MESSAGE -> firstMessage;
            case KEYWORD -> MessageClaim.anyKeyword(keywords, message);
            case REGEX -> UserPattern.find(pattern, message.text());
            case ANY -> true;
        };
    }

    /** The claim this trigger makes on the messages it matches, for an automation that answers them by itself. */
    public Optional<MessageClaim> claim(UUID automationId, String automationName) {
        if (type != TriggerType.MESSAGE_RECEIVED || match != Match.KEYWORD && match != Match.REGEX) {
            return Optional.empty();
        }
        return Optional.of(new MessageClaim(automationId, automationName, match == Match.KEYWORD ? MessageClaim.Match.KEYWORD
                : MessageClaim.Match.REGEX, match == Match.KEYWORD ? keywords : List.of(), match == Match.REGEX ? pattern : null, hours));
    }

    /** Reads the trigger object, adding what is wrong; null when its type is unknown. */
    static Trigger read(JsonNode trigger, List<Violation> violations) {
        String wire = trigger.path("type").asText("");
        if ("ai_generate".equals(wire)) {
            violations.add(new Violation("trigger.type", wire + " triggers are not available yet"));
            return null;
        }
        Optional<TriggerType> type = TriggerType.of(wire);
        if (type.isEmpty()) {
            violations.add(new Violation("trigger.type", "trigger.type must be one of " + TriggerType.names()));
            return null;
        }
        String cron = Reading.text(trigger, "cron");
        if (type.get() == TriggerType.SCHEDULED) {
            try {
                Schedules.cron(cron == null ? "" : cron);
            } catch (IllegalArgumentException e) {
                violations.add(new Violation("trigger.cron", "cron is a Quartz expression such as \"0 0 9 ? * MON-FRI\" (in the "
                        + "organisation's time zone): " + e.getMessage()));
            }
        }
        Match match = Match.ANY;
        MessageClaim.Hours hours = MessageClaim.Hours.ANY;
        String pattern = trigger.path("pattern").asText("");
        if (type.get() == TriggerType.MESSAGE_RECEIVED) {
            match = switch (trigger.path("match").asText("any")) {
                case "any" -> Match.ANY;
                case "first_message" -> Match.FIRST_MESSAGE;
                case "keyword" -> {
                    JsonNode keywords = trigger.path("keywords");
                    if (!keywords.isArray() || keywords.isEmpty() || !Reading.allText(keywords)) {
                        violations.add(new Violation("trigger.keywords", "a keyword trigger needs a list of keywords"));
                    }
                    yield Match.KEYWORD;
                }
                case "regex" -> {
                    String problem = pattern.isEmpty() ? "a regex trigger needs a pattern" : UserPattern.problem(pattern);
                    if (problem != null) {
                        violations.add(new Violation("trigger.pattern", problem));
                    }
                    yield Match.REGEX;
                }
                default -> {
                    violations.add(new Violation("trigger.match", "match is any, first_message, keyword or regex"));
                    yield Match.ANY;
                }
            };
            hours = switch (trigger.path("hours").asText("any")) {
                case "any" -> MessageClaim.Hours.ANY;
                case "within" -> MessageClaim.Hours.WITHIN;
                case "outside" -> MessageClaim.Hours.OUTSIDE;
                default -> {
                    violations.add(new Violation("trigger.hours", "hours is any, within or outside (business hours)"));
                    yield MessageClaim.Hours.ANY;
                }
            };
        }
        return new Trigger(type.get(), match, Reading.texts(trigger.path("keywords")), pattern, hours, cron);
    }
}
