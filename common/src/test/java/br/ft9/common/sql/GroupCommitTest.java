package br.ft9.common.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import br.ft9.common.errors.Unavailable;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/** Group commits: a lone item goes at once, what arrives during a commit goes together next, a bad item fails alone. */
class GroupCommitTest {

    private final Vertx vertx = Vertx.vertx();
    private final List<List<Integer>> groups = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    /** Doubles each item, recording the groups it was asked to commit; the first group waits for {@code firstMayCommit}. */
    private GroupCommit<Integer, Integer> doubling(int largest, int inFlight, CompletableFuture<Void> firstMayCommit) {
        return new GroupCommit<>(vertx, "test", largest, inFlight, items -> {
            groups.add(items);
            Uni<Void> commit = groups.size() == 1 ? Uni.createFrom().completionStage(firstMayCommit) : Uni.createFrom().voidItem();
            return commit.map(ignored -> items.stream().map(i -> {
                if (i < 0) {
                    throw new IllegalArgumentException("negative");
                }
                return i * 2;
            }).toList());
        });
    }

    private static CompletableFuture<Integer> submit(GroupCommit<Integer, Integer> commits, int item) {
        return commits.submit(item).subscribeAsCompletionStage();
    }

    @Test
    void a_lone_item_is_committed_at_once_in_a_group_of_its_own() throws Exception {
        GroupCommit<Integer, Integer> commits = doubling(64, 1, CompletableFuture.completedFuture(null));
        assertThat(submit(commits, 21).get(5, TimeUnit.SECONDS)).isEqualTo(42);
        assertThat(groups).containsExactly(List.of(21));
    }

    @Test
    void items_arriving_while_a_commit_is_in_flight_wait_and_are_committed_together_in_the_next_one() throws Exception {
        CompletableFuture<Void> firstMayCommit = new CompletableFuture<>();
        GroupCommit<Integer, Integer> commits = doubling(64, 1, firstMayCommit);
        CompletableFuture<Integer> first = submit(commits, 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> groups.size() == 1);
        List<CompletableFuture<Integer>> later = List.of(submit(commits, 2), submit(commits, 3), submit(commits, 4));
        assertThat(first).as("not answered before its commit").isNotDone();
        assertThat(groups).as("nothing beside the commit in flight").hasSize(1);
        firstMayCommit.complete(null);
        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo(2);
        for (int i = 0; i < later.size(); i++) {
            assertThat(later.get(i).get(5, TimeUnit.SECONDS)).isEqualTo((i + 2) * 2);
        }
        assertThat(groups).containsExactly(List.of(1), List.of(2, 3, 4));
    }

    @Test
    void no_group_holds_more_than_the_largest_and_no_more_groups_than_the_limit_are_in_flight() throws Exception {
        CompletableFuture<Void> firstMayCommit = new CompletableFuture<>();
        GroupCommit<Integer, Integer> commits = doubling(2, 1, firstMayCommit);
        List<CompletableFuture<Integer>> answers = new ArrayList<>();
        answers.add(submit(commits, 0));
        await().atMost(Duration.ofSeconds(5)).until(() -> groups.size() == 1);
        for (int i = 1; i <= 5; i++) {
            answers.add(submit(commits, i));
        }
        firstMayCommit.complete(null);
        for (int i = 0; i < answers.size(); i++) {
            assertThat(answers.get(i).get(5, TimeUnit.SECONDS)).isEqualTo(i * 2);
        }
        assertThat(groups).containsExactly(List.of(0), List.of(1, 2), List.of(3, 4), List.of(5));
    }

    @Test
    void a_failing_group_is_committed_again_one_item_at_a_time_so_only_the_bad_item_fails() throws Exception {
        CompletableFuture<Void> firstMayCommit = new CompletableFuture<>();
        GroupCommit<Integer, Integer> commits = doubling(64, 1, firstMayCommit);
        CompletableFuture<Integer> first = submit(commits, 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> groups.size() == 1);
        CompletableFuture<Integer> good = submit(commits, 5);
        CompletableFuture<Integer> bad = submit(commits, -1);
        CompletableFuture<Integer> alsoGood = submit(commits, 7);
        firstMayCommit.complete(null);
        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo(2);
        assertThat(good.get(5, TimeUnit.SECONDS)).isEqualTo(10);
        assertThat(alsoGood.get(5, TimeUnit.SECONDS)).isEqualTo(14);
        assertThat(bad).failsWithin(Duration.ofSeconds(5)).withThrowableThat().withMessageContaining("negative");
        assertThat(groups).containsExactly(List.of(1), List.of(5, -1, 7), List.of(5), List.of(-1), List.of(7));
        // and the place was given back: the next item goes at once
        assertThat(submit(commits, 8).get(5, TimeUnit.SECONDS)).isEqualTo(16);
    }

    @Test
    void each_caller_is_answered_on_its_own_vertx_context_and_each_group_runs_on_a_fresh_one() throws Exception {
        ConcurrentHashMap<String, Context> seen = new ConcurrentHashMap<>();
        GroupCommit<Integer, Integer> commits = new GroupCommit<>(vertx, "test", 64, 1, items -> {
            seen.put("group", Vertx.currentContext());
            return Uni.createFrom().item(items);
        });
        Context caller = vertx.getOrCreateContext();
        CompletableFuture<Context> answeredOn = new CompletableFuture<>();
        caller.runOnContext(ignored -> commits.submit(1).subscribe().with(done -> answeredOn.complete(Vertx.currentContext()),
                answeredOn::completeExceptionally));
        assertThat(answeredOn.get(5, TimeUnit.SECONDS)).isSameAs(caller);
        assertThat(seen.get("group")).isNotNull().isNotSameAs(caller);
    }

    @Test
    void once_stopped_it_commits_what_it_took_then_reports_drained_and_refuses_new_items_as_unavailable() throws Exception {
        CompletableFuture<Void> firstMayCommit = new CompletableFuture<>();
        GroupCommit<Integer, Integer> commits = doubling(64, 1, firstMayCommit);
        CompletableFuture<Integer> inFlight = submit(commits, 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> groups.size() == 1);
        CompletableFuture<Integer> queued = submit(commits, 2);
        CompletableFuture<Void> drained = commits.stop().toCompletableFuture();
        assertThat(drained).as("a group is still committing").isNotDone();
        assertThat(submit(commits, 3)).failsWithin(Duration.ofSeconds(5)).withThrowableThat()
                .withCauseInstanceOf(Unavailable.class);
        firstMayCommit.complete(null);
        assertThat(inFlight.get(5, TimeUnit.SECONDS)).isEqualTo(2);
        assertThat(queued.get(5, TimeUnit.SECONDS)).as("taken before the stop: committed").isEqualTo(4);
        drained.get(5, TimeUnit.SECONDS);
        assertThat(groups).containsExactly(List.of(1), List.of(2));
    }

    @Test
    void stopped_with_nothing_in_flight_it_is_drained_at_once() {
        GroupCommit<Integer, Integer> commits = doubling(64, 1, CompletableFuture.completedFuture(null));
        assertThat(commits.stop().toCompletableFuture()).isDone();
    }
}
