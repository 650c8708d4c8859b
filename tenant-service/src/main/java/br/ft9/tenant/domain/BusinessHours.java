package br.ft9.tenant.domain;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import br.ft9.common.errors.InvalidField;

/**
 * When an organisation is open, per weekday, as intervals such as 08:00-12:00 and 13:00-18:00
 * (in the organisation's own time zone). A day left out is a closed day.
 */
public record BusinessHours(Map<String, List<Interval>> days) {

    public static final List<String> WEEKDAYS = List.of("monday", "tuesday", "wednesday", "thursday", "friday",
            "saturday", "sunday");

    /** One opening, from {@code open} to {@code close} on the same day. */
    public record Interval(String open, String close) {
    }

    /** Checks every day and interval, naming the first wrong one (e.g. {@code businessHours.monday[1].close}). */
    public static BusinessHours check(Map<String, List<Interval>> days) {
        Map<String, List<Interval>> checked = new LinkedHashMap<>();
        for (String day : WEEKDAYS) {
            List<Interval> intervals = days.get(day);
            if (intervals != null) {
                checked.put(day, checkDay(day, intervals));
            }
        }
        for (String day : days.keySet()) {
            if (!WEEKDAYS.contains(day)) {
                throw new InvalidField("businessHours." + day, "'" + day + "' is not a weekday; use monday ... sunday");
            }
        }
        return new BusinessHours(checked);
    }

    private static List<Interval> checkDay(String day, List<Interval> intervals) {
        record Parsed(int index, LocalTime open, LocalTime close) {
        }
        List<Parsed> parsed = new ArrayList<>();
        for (int i = 0; i < intervals.size(); i++) {
            String field = "businessHours." + day + "[" + i + "]";
            Interval interval = intervals.get(i);
            if (interval == null) {
                throw new InvalidField(field, "an opening needs open and close times");
            }
            LocalTime open = time(field + ".open", interval.open());
            LocalTime close = time(field + ".close", interval.close());
            if (!open.isBefore(close)) {
                throw new InvalidField(field + ".close", "close must be after open (" + interval.open() + ")");
            }
            parsed.add(new Parsed(i, open, close));
        }
        parsed.sort(Comparator.comparing(Parsed::open));
        for (int i = 1; i < parsed.size(); i++) {
            if (parsed.get(i).open().isBefore(parsed.get(i - 1).close())) {
                throw new InvalidField("businessHours." + day + "[" + parsed.get(i).index() + "]",
                        "openings of one day must not overlap");
            }
        }
        return parsed.stream().map(p -> new Interval(p.open().toString(), p.close().toString())).toList();
    }

    /** Closed days: ISO dates (2026-12-25), once each, in order; at most 100. */
    public static List<String> checkHolidays(List<String> dates) {
        java.util.TreeSet<java.time.LocalDate> days = new java.util.TreeSet<>();
        for (int i = 0; i < dates.size(); i++) {
            String value = dates.get(i);
            try {
                days.add(java.time.LocalDate.parse(value == null ? "" : value.strip()));
            } catch (DateTimeParseException e) {
                throw new InvalidField("holidays[" + i + "]", "a holiday is a date such as 2026-12-25");
            }
        }
        if (days.size() > 100) {
            throw new InvalidField("holidays", "at most 100 holidays");
        }
        return days.stream().map(java.time.LocalDate::toString).toList();
    }

    private static LocalTime time(String field, String value) {
        if (value == null || !value.matches("\\d{2}:\\d{2}")) {
            throw new InvalidField(field, "times are HH:mm, such as 08:00");
        }
        try {
            return LocalTime.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidField(field, "'" + value + "' is not a time of day");
        }
    }
}
