package br.ft9.memory.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import br.ft9.common.testing.RealInfrastructure;
import br.ft9.memory.domain.Answers;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The conversation's last turns in Redis, as the assistant writes them after each answer and reads them before the next. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class ConversationMemoryTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    ConversationMemory memory;

    @Inject
    RedisDataSource redis;

    @Test
    void a_contact_s_last_three_exchanges_are_kept_in_order_for_a_day_and_another_contact_s_stay_apart() {
        UUID clinic = UUID.randomUUID();
        UUID maria = UUID.randomUUID();
        UUID joao = UUID.randomUUID();
        for (int i = 1; i <= 4; i++) {
            memory.remember(clinic, maria, "pergunta " + i, "resposta " + i).await().atMost(WAIT);
        }
        memory.remember(clinic, joao, "Aceitam Unimed?", "Sim.").await().atMost(WAIT);

        assertThat(memory.recent(clinic, maria).await().atMost(WAIT)).containsExactly(
                new Answers.Turn("contact", "pergunta 2"), new Answers.Turn("assistant", "resposta 2"),
                new Answers.Turn("contact", "pergunta 3"), new Answers.Turn("assistant", "resposta 3"),
                new Answers.Turn("contact", "pergunta 4"), new Answers.Turn("assistant", "resposta 4"));
        assertThat(memory.recent(clinic, joao).await().atMost(WAIT))
                .containsExactly(new Answers.Turn("contact", "Aceitam Unimed?"), new Answers.Turn("assistant", "Sim."));
        long ttl = redis.key().ttl("ft9:memory:turns:" + clinic + ":" + maria);
        assertThat(ttl).isBetween(24 * 3600L - 60, 24 * 3600L);

        memory.forget(clinic, maria).await().atMost(WAIT);
        assertThat(memory.recent(clinic, maria).await().atMost(WAIT)).isEmpty();
        assertThat(memory.recent(clinic, joao).await().atMost(WAIT)).hasSize(2);
    }

    @Test
    void a_turn_holding_tabs_and_line_breaks_reads_back_as_it_was_written() {
        UUID clinic = UUID.randomUUID();
        UUID ana = UUID.randomUUID();
        memory.remember(clinic, ana, "e no sábado?\tdepois das 10h", "Aos sábados:\n8h às 12h.").await().atMost(WAIT);

        assertThat(memory.recent(clinic, ana).await().atMost(WAIT)).containsExactly(
                new Answers.Turn("contact", "e no sábado?\tdepois das 10h"), new Answers.Turn("assistant", "Aos sábados:\n8h às 12h."));
    }
}
