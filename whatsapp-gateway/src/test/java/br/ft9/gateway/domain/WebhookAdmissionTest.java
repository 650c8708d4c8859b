package br.ft9.gateway.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The limit on notifications handled at once, read without the service. */
class WebhookAdmissionTest {

    @Test
    void notifications_beyond_the_limit_are_refused_until_one_in_flight_finishes() {
        WebhookAdmission admission = new WebhookAdmission(2);
        assertThat(admission.tryEnter()).isTrue();
        assertThat(admission.tryEnter()).isTrue();
        assertThat(admission.tryEnter()).isFalse();
        assertThat(admission.inFlight()).isEqualTo(2);
        admission.leave();
        assertThat(admission.tryEnter()).isTrue();
        assertThat(admission.tryEnter()).isFalse();
    }
}
