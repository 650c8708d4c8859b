package br.ft9.common.text;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A contact's message an active automation answers by itself: its keywords (whole words, case and accents aside, so they
 * are kept folded) or its pattern, at which hours. flow-service starts its runs by this rule and announces its automations' claims;
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

    private static final Pattern MARKS = Pattern.compile("\\p{M}");

    public MessageClaim {
        keywords = foldAll(keywords);
        hours = hours == null ? Hours.ANY : hours;
    }

    /** Whether this claim takes the message, sent while the organisation is (or is not) within its business hours. */
    public boolean claims(MessageText message, boolean withinBusinessHours) {
        return atHours(hours, withinBusinessHours) && (match == Match.REGEX ? UserPattern.find(pattern, message.text())
                : anyKeyword(keywords, message));
    }

    /** Whether the hours setting lets a message through now. */
    public static boolean atHours(Hours hours, boolean withinBusinessHours) {
        return hours == Hours.ANY || hours == Hours.WITHIN == withinBusinessHours;
    }

    /** Whether one of the keywords, folded by {@link #foldAll}, is a whole word (or words) of the message. */
    public static boolean anyKeyword(List<String> foldedKeywords, MessageText message) {
        for (String keyword : foldedKeywords) {
            if (wholeWordsIn(message.folded(), keyword)) {
                return true;
            }
        }
        return false;
    }

    /** Keywords as they are compared: folded, the blank ones dropped. Folding is idempotent, so folded ones stay as they are. */
    public static List<String> foldAll(List<String> keywords) {
        return keywords == null ? List.of() : keywords.stream().map(MessageClaim::fold).filter(k -> !k.isEmpty()).toList();
    }

    /**
     * Whether the folded keyword occurs in the folded message with no word character (ASCII letter, digit, underscore, as
     * regex {@code \W} reads it) right before or after. Every message of an organisation with claims is read here, in
     * flow-service and memory-service alike, so nothing is compiled per message.
     */
    private static boolean wholeWordsIn(String message, String keyword) {
        for (int at = message.indexOf(keyword); at >= 0; at = message.indexOf(keyword, at + 1)) {
            int end = at + keyword.length();
            if ((at == 0 || !wordChar(message.charAt(at - 1))) && (end == message.length() || !wordChar(message.charAt(end)))) {
                return true;
            }
        }
        return false;
    }

    private static boolean wordChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
    }

    /** Case and accents do not matter to people typing on a phone. */
    public static String fold(String text) {
        return MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("").toLowerCase(Locale.ROOT).strip();
    }
}
