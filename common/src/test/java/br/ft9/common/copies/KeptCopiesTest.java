package br.ft9.common.copies;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;

/** Copies kept in memory until told of a change: what is read once, what a forgetting drops, what a racing load may keep. */
class KeptCopiesTest {

    private final KeptCopies<String, String> copies = new KeptCopies<>(Duration.ofMinutes(1), 100);
    private final AtomicInteger loads = new AtomicInteger();

    private Uni<String> load(String value) {
        return Uni.createFrom().item(() -> {
            loads.incrementAndGet();
            return value;
        });
    }

    @Test
    void a_kept_copy_is_answered_without_loading_again_until_it_is_forgotten() {
        assertThat(copies.of("5511", () -> load("clinic")).await().indefinitely()).isEqualTo("clinic");
        assertThat(copies.of("5511", () -> load("school")).await().indefinitely()).isEqualTo("clinic");
        assertThat(loads).hasValue(1);

        copies.forget("5511");
        assertThat(copies.of("5511", () -> load("school")).await().indefinitely()).isEqualTo("school");
        assertThat(loads).hasValue(2);
    }

    @Test
    void forgetting_everything_makes_every_key_load_again() {
        copies.of("a", () -> load("1")).await().indefinitely();
        copies.of("b", () -> load("2")).await().indefinitely();
        copies.forgetAll();
        assertThat(copies.of("a", () -> load("3")).await().indefinitely()).isEqualTo("3");
        assertThat(copies.of("b", () -> load("4")).await().indefinitely()).isEqualTo("4");
    }

    @Test
    void a_load_that_began_before_a_change_is_answered_but_not_kept() {
        CompletableFuture<String> slowRead = new CompletableFuture<>();
        var first = copies.of("5511", () -> Uni.createFrom().completionStage(slowRead)).subscribeAsCompletionStage();
        copies.forget("5511"); // the number changed hands while the first read was under way
        slowRead.complete("old owner");
        assertThat(first.join()).isEqualTo("old owner");
        assertThat(copies.of("5511", () -> load("new owner")).await().indefinitely()).isEqualTo("new owner");
    }
}
