package br.ft9.common.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.junit.jupiter.api.Test;

class OpeningHoursTest {

    private static final ZoneId RECIFE = ZoneId.of("America/Recife");
    private static final String WEEKDAYS = """
            {"monday": [{"open": "08:00", "close": "18:00"}], "tuesday": [{"open": "08:00", "close": "18:00"}],
             "wednesday": [{"open": "08:00", "close": "18:00"}], "thursday": [{"open": "08:00", "close": "18:00"}],
             "friday": [{"open": "08:00", "close": "18:00"}], "holidays": ["2026-12-24", "2026-12-25"]}""";

    @Test
    void a_holiday_is_closed_whatever_its_weekday_says_and_the_next_opening_steps_over_it() {
        OpeningHours hours = OpeningHours.parse(WEEKDAYS);
        ZonedDateTime thursdayChristmasEve = ZonedDateTime.of(2026, 12, 24, 10, 0, 0, 0, RECIFE);
        assertThat(hours.openAt(thursdayChristmasEve)).isFalse();
        assertThat(hours.openAt(thursdayChristmasEve.minusDays(1))).as("the Wednesday before").isTrue();
        assertThat(hours.nextOpening(thursdayChristmasEve)).contains(ZonedDateTime.of(2026, 12, 28, 8, 0, 0, 0, RECIFE));
    }

    @Test
    void hours_without_holidays_read_as_before_and_no_hours_at_all_mean_open() {
        OpeningHours hours = OpeningHours.parse("{\"saturday\": [{\"open\": \"08:00\", \"close\": \"12:00\"}]}");
        assertThat(hours.openAt(ZonedDateTime.of(2026, 12, 26, 9, 0, 0, 0, RECIFE))).isTrue();
        assertThat(hours.openAt(ZonedDateTime.of(2026, 12, 26, 13, 0, 0, 0, RECIFE))).isFalse();
        assertThat(OpeningHours.parse(null).openAt(ZonedDateTime.of(2026, 12, 25, 3, 0, 0, 0, RECIFE))).isTrue();
    }
}
