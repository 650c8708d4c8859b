package br.ft9.common.tenant;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * An organisation's business hours ({@code {"monday": [{"open": "08:00", "close": "12:00"}], ...}} in its
 * own time zone, with the closed days as {@code "holidays": ["2026-12-25"]}): whether a person is there now, and when
 * one will be next.
 */
public final class OpeningHours {

    private record Slot(LocalTime open, LocalTime close) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<DayOfWeek, List<Slot>> week = new EnumMap<>(DayOfWeek.class);
    private final java.util.Set<java.time.LocalDate> holidays = new java.util.HashSet<>();

    private OpeningHours() {
    }

    /** Reads the JSON; null or empty means no hours were set (always open, as far as we know). */
    public static OpeningHours parse(String json) {
        OpeningHours hours = new OpeningHours();
        if (json == null || json.isBlank()) {
            return hours;
        }
        try {
            JsonNode root = JSON.readTree(json);
            for (DayOfWeek day : DayOfWeek.values()) {
                List<Slot> slots = new ArrayList<>();
                for (JsonNode slot : root.path(day.name().toLowerCase(Locale.ROOT))) {
                    slots.add(new Slot(LocalTime.parse(slot.path("open").asText()), LocalTime.parse(slot.path("close").asText())));
                }
                hours.week.put(day, slots);
            }
            for (JsonNode holiday : root.path("holidays")) {
                hours.holidays.add(java.time.LocalDate.parse(holiday.asText()));
            }
        } catch (Exception e) {
            hours.week.clear(); // unreadable hours: treated as not set
            hours.holidays.clear();
        }
        return hours;
    }

    public boolean set() {
        return week.values().stream().anyMatch(slots -> !slots.isEmpty());
    }

    public boolean openAt(ZonedDateTime now) {
        if (!set()) {
            return true;
        }
        if (holidays.contains(now.toLocalDate())) {
            return false;
        }
        LocalTime time = now.toLocalTime();
        return week.getOrDefault(now.getDayOfWeek(), List.of()).stream()
                .anyMatch(s -> !time.isBefore(s.open()) && time.isBefore(s.close()));
    }

    /** The next moment a slot opens after {@code now}, within a week; empty when no hours are set. */
    public Optional<ZonedDateTime> nextOpening(ZonedDateTime now) {
        if (!set()) {
            return Optional.empty();
        }
        // A week of days plus as many closed days as there are holidays, so that a run of holidays is stepped over.
        for (int days = 0; days <= 7 + holidays.size(); days++) {
            ZonedDateTime day = now.plusDays(days);
            if (holidays.contains(day.toLocalDate())) {
                continue;
            }
            for (Slot slot : week.getOrDefault(day.getDayOfWeek(), List.of()).stream()
                    .sorted(java.util.Comparator.comparing(Slot::open)).toList()) {
                ZonedDateTime opening = day.with(slot.open()).withSecond(0).withNano(0);
                if (opening.isAfter(now)) {
                    return Optional.of(opening);
                }
            }
        }
        return Optional.empty();
    }
}
