package br.ft9.common.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/** The relay's timer: a nudge runs the job at once, and one that comes while a run is going makes it run once more. */
class FastPollTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void a_nudge_runs_the_job_now_instead_of_at_the_next_tick() {
        AtomicInteger runs = new AtomicInteger();
        FastPoll poll = FastPoll.every(vertx, "test", Duration.ofHours(1), Duration.ofHours(1), () -> {
            runs.incrementAndGet();
            return Uni.createFrom().voidItem();
        });
        poll.nudge();
        await().atMost(Duration.ofSeconds(2)).until(() -> runs.get() == 1);
        poll.nudge();
        await().atMost(Duration.ofSeconds(2)).until(() -> runs.get() == 2);
        poll.stop();
        poll.nudge();
        assertThat(runs.get()).as("stopped: no more runs").isEqualTo(2);
    }

    @Test
    void nudges_during_a_run_make_one_more_run_right_after_it_not_one_each() {
        AtomicInteger runs = new AtomicInteger();
        java.util.concurrent.CompletableFuture<Void> firstRunMayEnd = new java.util.concurrent.CompletableFuture<>();
        FastPoll poll = FastPoll.every(vertx, "test", Duration.ofHours(1), Duration.ofHours(1), () -> runs.incrementAndGet() == 1
                ? Uni.createFrom().completionStage(firstRunMayEnd)
                : Uni.createFrom().voidItem());
        poll.nudge();
        await().atMost(Duration.ofSeconds(2)).until(() -> runs.get() == 1);
        poll.nudge(); // what these announce may have been committed after the running query read the table
        poll.nudge();
        poll.nudge();
        assertThat(runs.get()).as("no run beside the one going").isEqualTo(1);
        firstRunMayEnd.complete(null);
        // and only one: the count stays at two (an extra run would come at once)
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> runs.get() == 2);
        poll.stop();
    }

    @Test
    void stopping_waits_for_the_run_in_flight_to_end_and_starts_no_other() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        java.util.concurrent.CompletableFuture<Void> runMayEnd = new java.util.concurrent.CompletableFuture<>();
        FastPoll poll = FastPoll.every(vertx, "test", Duration.ofHours(1), Duration.ofHours(1), () -> {
            runs.incrementAndGet();
            return Uni.createFrom().completionStage(runMayEnd);
        });
        poll.nudge();
        await().atMost(Duration.ofSeconds(2)).until(() -> runs.get() == 1);
        poll.nudge(); // would run once more after this one, were it not stopped
        java.util.concurrent.CompletableFuture<Void> stopped = poll.stop().toCompletableFuture();
        assertThat(stopped).as("its run is still going").isNotDone();
        runMayEnd.complete(null);
        stopped.get(2, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(runs.get()).as("no run after the stop").isEqualTo(1);
    }

    @Test
    void stopping_an_idle_poll_is_done_at_once() {
        FastPoll poll = FastPoll.every(vertx, "test", Duration.ofHours(1), Duration.ofHours(1), () -> Uni.createFrom().voidItem());
        assertThat(poll.stop().toCompletableFuture()).isDone();
    }
}
