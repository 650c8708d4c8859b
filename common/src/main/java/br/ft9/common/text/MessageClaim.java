package br.ft9.common.text;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A contact's message an active automation answers by itself: its keywords (whole words, case and accents aside) or its
 * pattern, at which hours. flow-service starts its runs by this rule and announces its automations' claims;
 * memory-service's assistant stays silent on a message one of them claims, so the contact is not answered twice.
 */
@RegisterForReflection
public record MessageClaim(UUID automationId, String automationName, Match match, List<String> keywords, String pattern,
        Hours hours) {

    /** How the message is recognised. */
    public enum Match {
        @JsonProperty("keyword") KEYWORD,
        @JsonProperty("regex") REGEX
    }

    /** When, against the organisation's business hours. */
    public enum Hours {
        @JsonProperty("any") ANY,
        @JsonProperty("within") WITHIN,
        @JsonProperty("outside") OUTSIDE
    }

    public MessageClaim {
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
        hours = hours == null ? Hours.ANY : hours;
    }

    /** Whether this claim takes the message, sent while the organisation is (or is not) within its business hours. */
    public boolean claims(String text, boolean withinBusinessHours) {
        return atHours(hours, withinBusinessHours) && (match == Match.REGEX ? UserPattern.find(pattern, text)
                : anyKeyword(keywords, text));
    }

    /** Whether the hours setting lets a message through now. */
    public static boolean atHours(Hours hours, boolean withinBusinessHours) {
        return hours == Hours.ANY || hours == Hours.WITHIN == withinBusinessHours;
    }

    /** Whether one of the keywords is a whole word (or words) of the text, case and accents aside. */
    public static boolean anyKeyword(List<String> keywords, String text) {
        String message = text == null ? "" : fold(text);
        return keywords.stream().map(MessageClaim::fold).anyMatch(k -> !k.isEmpty()
                && Pattern.compile("(^|\\W)" + Pattern.quote(k) + "($|\\W)").matcher(message).find());
    }

    /** Case and accents do not matter to people typing on a phone. */
    public static String fold(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT).strip();
    }
}
