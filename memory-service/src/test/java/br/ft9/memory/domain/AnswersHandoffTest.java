package br.ft9.memory.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The hand-off message, read at the clock's time in the organisation's own zone: when closed it says when a person answers. */
class AnswersHandoffTest {

    /** Sunday 2026-12-06 10:00 in Recife (UTC-3). */
    private static final Clock SUNDAY_MORNING = Clock.fixed(Instant.parse("2026-12-06T13:00:00Z"), ZoneOffset.UTC);
    /** Monday 2026-12-07 09:00 in Recife. */
    private static final Clock MONDAY_MORNING = Clock.fixed(Instant.parse("2026-12-07T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void a_closed_clinic_says_when_its_team_is_back_in_its_own_time_zone() {
        Answers.Answer answer = Answers.handoff(clinic("pt-BR"), List.of(), SUNDAY_MORNING);

        assertThat(answer.handoff()).isTrue();
        assertThat(answer.mode()).isEqualTo("handoff");
        assertThat(answer.text()).isEqualTo("Um atendente vai responder. Nosso atendimento volta segunda-feira às 08:00.");
    }

    @Test
    void an_open_clinic_hands_off_with_its_message_alone() {
        assertThat(Answers.handoff(clinic("pt-BR"), List.of(), MONDAY_MORNING).text()).isEqualTo("Um atendente vai responder.");
    }

    @Test
    void an_english_speaking_organisation_is_told_in_english() {
        assertThat(Answers.handoff(clinic("en"), List.of(), SUNDAY_MORNING).text())
                .isEqualTo("Um atendente vai responder. We are back on Monday at 08:00.");
    }

    @Test
    void without_a_profile_the_default_message_is_given_and_no_hours_are_promised() {
        assertThat(Answers.handoff(null, List.of(), SUNDAY_MORNING).text()).isEqualTo("Vou passar sua mensagem para uma pessoa da nossa equipe.");
    }

    private static OrganizationProfile clinic(String locale) {
        OrganizationProfile clinic = new OrganizationProfile();
        clinic.timeZone = "America/Recife";
        clinic.locale = locale;
        clinic.handoffMessage = "Um atendente vai responder.";
        clinic.businessHours = "{\"monday\":[{\"open\":\"08:00\",\"close\":\"12:00\"}]}";
        return clinic;
    }
}
