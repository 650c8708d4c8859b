package br.ft9.gateway.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import br.ft9.common.security.HmacSignature;

/** An app-secret rotation's window, without Quarkus: both secrets accepted until its end, then only the new one. */
class AppSecretWindowTest {

    private static final byte[] BODY = "{\"object\":\"whatsapp_business_account\"}".getBytes(StandardCharsets.UTF_8);
    private static final Instant END = Instant.parse("2026-12-01T12:00:00Z");

    private static AppSecretWindow at(Instant now) {
        return new AppSecretWindow("new-secret", Optional.of("old-secret"), Optional.of(END), Clock.fixed(now, ZoneOffset.UTC));
    }

    private static String signed(String secret) {
        return new HmacSignature(secret).sign(BODY);
    }

    @Test
    void within_the_window_the_new_and_the_old_secret_are_both_accepted_and_told_apart() {
        AppSecretWindow window = at(END.minusSeconds(1));
        assertThat(window.judge(BODY, signed("new-secret"))).isEqualTo(AppSecretWindow.Verdict.CURRENT_SECRET);
        assertThat(window.judge(BODY, signed("old-secret"))).isEqualTo(AppSecretWindow.Verdict.PREVIOUS_SECRET);
        assertThat(window.judge(BODY, signed("a guess"))).isEqualTo(AppSecretWindow.Verdict.REFUSED);
        assertThat(window.judge(BODY, null)).isEqualTo(AppSecretWindow.Verdict.REFUSED);
    }

    @Test
    void once_the_window_ends_the_old_secret_is_refused() {
        AppSecretWindow window = at(END);
        assertThat(window.judge(BODY, signed("old-secret")).accepted()).isFalse();
        assertThat(window.judge(BODY, signed("new-secret")).accepted()).isTrue();
    }

    @Test
    void a_previous_secret_without_an_end_to_its_window_stops_the_service_saying_what_to_set() {
        assertThatThrownBy(() -> new AppSecretWindow("new-secret", Optional.of("old-secret"), Optional.empty(), Clock.systemUTC()))
                .hasMessageContaining("WHATSAPP_APP_SECRET_PREVIOUS_UNTIL");
        assertThat(new AppSecretWindow("new-secret", Optional.of(""), Optional.empty(), Clock.systemUTC())
                .judge(BODY, signed("new-secret")).accepted()).isTrue();
    }
}
