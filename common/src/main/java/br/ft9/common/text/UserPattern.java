package br.ft9.common.text;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * A pattern an organisation wrote (a regex trigger or a regex condition), matched with RE2/J: time linear in the text
 * whatever the pattern, so no pattern and no message can hold the engine's event loop (java.util.regex backtracks, and
 * {@code (a+)+$} against forty a's and a "!" takes minutes). Patterns are at most 500 characters, texts are read up to
 * WhatsApp's 4096, nested counted repetitions are bounded before compiling, and the RE2 syntax has no look-around or
 * back-references.
 */
public final class UserPattern {

    static final int MAX_PATTERN = 500;
    static final int MAX_TEXT = 4096;
    /** RE2 compiles counted repetitions by copying: ((a{1000}){1000}){1000} would need gigabytes. */
    static final long MAX_SIZE = 10_000;
    private static final int CACHE = 2048;
    private static final Map<String, Verdict> VERDICTS = new ConcurrentHashMap<>();

    private UserPattern() {
    }

    /** Why the pattern cannot be used, in the organisation's words, or null when it can. */
    public static String problem(String pattern) {
        return verdict(pattern).problem();
    }

    /** Whether the pattern occurs in the text, ignoring case; a pattern that cannot be used matches nothing. */
    public static boolean find(String pattern, String text) {
        Pattern compiled = text == null ? null : verdict(pattern).compiled();
        if (compiled == null) {
            return false;
        }
        String capped = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
        return compiled.matcher(capped).find();
    }

    /** A pattern judged once: compiled, or why it cannot be. */
    private record Verdict(Pattern compiled, String problem) {
    }

    private static Verdict verdict(String pattern) {
        if (pattern == null || pattern.isEmpty()) {
            return new Verdict(null, "a pattern is needed");
        }
        if (pattern.length() > MAX_PATTERN) {
            return new Verdict(null, "a pattern is at most " + MAX_PATTERN + " characters");
        }
        Verdict known = VERDICTS.get(pattern);
        if (known != null) {
            return known; // every message an automation sees reuses it: the size bound and the compiler run once
        }
        Verdict judged = judge(pattern);
        if (VERDICTS.size() >= CACHE) {
            VERDICTS.clear(); // a crude bound: organisations' patterns are few; this only stops unbounded growth
        }
        VERDICTS.put(pattern, judged);
        return judged;
    }

    private static Verdict judge(String pattern) {
        if (size(pattern) > MAX_SIZE) {
            return new Verdict(null, "the pattern repeats too much: counted repetitions multiply when nested, as in (a{100}){100}; keep them small");
        }
        try {
            return new Verdict(Pattern.compile(pattern, Pattern.CASE_INSENSITIVE), null);
        } catch (PatternSyntaxException e) {
            return new Verdict(null, "not a valid regular expression (RE2 syntax, without look-around or back-references): " + e.getDescription());
        }
    }

    /**
     * An upper bound of how many instructions the pattern compiles to: each atom counts one, a counted repetition
     * multiplies what it repeats, {@code * + ?} double it. Saturates instead of overflowing.
     */
    public static long size(String pattern) {
        java.util.ArrayDeque<long[]> groups = new java.util.ArrayDeque<>();
        long total = 0;
        long last = 0;
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            switch (c) {
                case '\\' -> {
                    i += (i + 2 < pattern.length() && "pP".indexOf(pattern.charAt(i + 1)) >= 0 && pattern.charAt(i + 2) == '{')
                            ? Math.max(2, pattern.indexOf('}', i) - i) : 1;
                    last = 1;
                    total = add(total, 1);
                }
                case '[' -> {
                    int j = i + 1;
                    if (j < pattern.length() && pattern.charAt(j) == '^') {
                        j++;
                    }
                    if (j < pattern.length() && pattern.charAt(j) == ']') {
                        j++;
                    }
                    while (j < pattern.length() && pattern.charAt(j) != ']') {
                        j += pattern.charAt(j) == '\\' ? 2 : 1;
                    }
                    i = j;
                    last = 1;
                    total = add(total, 1);
                }
                case '(' -> {
                    groups.push(new long[] { total });
                    total = 0;
                    last = 0;
                }
                case ')' -> {
                    long group = total;
                    total = groups.isEmpty() ? group : add(groups.pop()[0], group);
                    last = group;
                }
                case '{' -> {
                    int close = pattern.indexOf('}', i);
                    java.util.regex.Matcher count = close < 0 ? null
                            : java.util.regex.Pattern.compile("(\\d{1,7})(,(\\d{0,7}))?").matcher(pattern.substring(i + 1, close));
                    if (count != null && count.matches()) {
                        long n = Long.parseLong(count.group(1));
                        long factor = count.group(2) == null ? n
                                : count.group(3).isEmpty() ? n + 1 : Math.max(n, Long.parseLong(count.group(3)));
                        total = add(total, multiply(last, Math.max(factor, 1) - 1));
                        last = multiply(last, Math.max(factor, 1));
                        i = close;
                    } else {
                        last = 1;
                        total = add(total, 1);
                    }
                }
                case '*', '+', '?' -> {
                    total = add(total, last);
                    last = multiply(last, 2);
                }
                case '|' -> last = 0;
                default -> {
                    last = 1;
                    total = add(total, 1);
                }
            }
            i++;
        }
        while (!groups.isEmpty()) {
            total = add(groups.pop()[0], total);
        }
        return total;
    }

    private static long add(long a, long b) {
        long sum = a + b;
        return sum < 0 || sum > Long.MAX_VALUE / 4 ? Long.MAX_VALUE / 4 : sum;
    }

    private static long multiply(long a, long b) {
        return a != 0 && b > (Long.MAX_VALUE / 4) / a ? Long.MAX_VALUE / 4 : a * b;
    }
}
