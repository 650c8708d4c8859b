package br.ft9.gateway.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Delivery statuses only move forward, and the opt-out keywords count only as the whole message. */
class DeliveryRulesTest {

    @Test
    void a_status_moves_forward_only_and_a_final_one_stays() {
        assertThat(DeliveryStatus.ACCEPTED.canBecome(DeliveryStatus.DELIVERED)).isTrue();
        assertThat(DeliveryStatus.READ.canBecome(DeliveryStatus.DELIVERED)).isFalse();
        assertThat(DeliveryStatus.DELIVERED.canBecome(DeliveryStatus.DELIVERED)).isFalse();
        assertThat(DeliveryStatus.SENT.canBecome(DeliveryStatus.FAILED)).isTrue();
        assertThat(DeliveryStatus.FAILED.canBecome(DeliveryStatus.READ)).isFalse();
        assertThat(DeliveryStatus.SUPPRESSED.canBecome(DeliveryStatus.SENT)).isFalse();
        assertThat(DeliveryStatus.fromWire("deleted")).isNull();
        assertThat(DeliveryStatus.fromWire("read")).isEqualTo(DeliveryStatus.READ);
    }

    @Test
    void the_statuses_a_status_webhook_may_move_a_message_from_are_the_earlier_ones_that_are_not_final() {
        assertThat(DeliveryStatus.DELIVERED.predecessors()).containsExactly("queued", "sending", "accepted", "sent");
        assertThat(DeliveryStatus.READ.predecessors()).containsExactly("queued", "sending", "accepted", "sent", "delivered");
        assertThat(DeliveryStatus.FAILED.predecessors()).containsExactly("queued", "sending", "accepted", "sent", "delivered", "read");
        assertThat(DeliveryStatus.QUEUED.predecessors()).isEmpty();
    }

    @Test
    void sair_or_stop_alone_opts_out_whatever_the_case_accents_or_punctuation() {
        assertThat(OptOutKeywords.isOptOut("SAIR")).isTrue();
        assertThat(OptOutKeywords.isOptOut(" sair! ")).isTrue();
        assertThat(OptOutKeywords.isOptOut("Stop")).isTrue();
        assertThat(OptOutKeywords.isOptOut("Parar.")).isTrue();
        assertThat(OptOutKeywords.isOptOut("não quero sair")).isFalse();
        assertThat(OptOutKeywords.isOptOut(null)).isFalse();
        assertThat(OptOutKeywords.isOptIn("Voltar")).isTrue();
        assertThat(OptOutKeywords.isOptIn("sair")).isFalse();
    }
}
