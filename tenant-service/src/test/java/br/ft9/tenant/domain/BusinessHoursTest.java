package br.ft9.tenant.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import br.ft9.common.errors.InvalidField;
import br.ft9.tenant.domain.BusinessHours.Interval;

/** Opening hours: shape, order, overlaps, and the field named when something is wrong. */
class BusinessHoursTest {

    private static void refused(Map<String, List<Interval>> days, String field) {
        assertThatThrownBy(() -> BusinessHours.check(days)).isInstanceOf(InvalidField.class)
                .extracting("field").isEqualTo(field);
    }

    @Test
    void a_split_day_is_kept_in_time_order_and_closed_days_are_left_out() {
        BusinessHours hours = BusinessHours.check(Map.of(
                "monday", List.of(new Interval("13:00", "18:00"), new Interval("08:00", "12:00")),
                "saturday", List.of(new Interval("08:00", "12:00"))));
        assertThat(hours.days()).containsOnlyKeys("monday", "saturday");
        assertThat(hours.days().get("monday")).containsExactly(new Interval("08:00", "12:00"), new Interval("13:00", "18:00"));
    }

    @Test
    void closing_before_opening_names_the_close_time() {
        refused(Map.of("monday", List.of(new Interval("18:00", "08:00"))), "businessHours.monday[0].close");
    }

    @Test
    void overlapping_openings_name_the_later_one() {
        refused(Map.of("friday", List.of(new Interval("08:00", "12:00"), new Interval("11:00", "14:00"))),
                "businessHours.friday[1]");
    }

    @Test
    void malformed_times_and_unknown_days_are_named() {
        refused(Map.of("monday", List.of(new Interval("8h", "12:00"))), "businessHours.monday[0].open");
        refused(Map.of("monday", List.of(new Interval("08:00", "24:30"))), "businessHours.monday[0].close");
        refused(Map.of("segunda", List.of(new Interval("08:00", "12:00"))), "businessHours.segunda");
    }
}
