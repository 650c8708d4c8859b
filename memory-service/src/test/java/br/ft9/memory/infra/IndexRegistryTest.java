package br.ft9.memory.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import br.ft9.common.testing.RealInfrastructure;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/** The registry of organisations' indexes as questions answered side by side meet it. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class IndexRegistryTest {

    @Inject
    IndexRegistry registry;

    @Inject
    Vertx vertx;

    @Test
    void questions_waiting_for_one_rebuild_each_go_on_on_their_own_context() throws Exception {
        for (int round = 0; round < 5; round++) {
            // A new organisation: no index yet, so the first question rebuilds it and the others join that rebuild.
            UUID orgId = UUID.randomUUID();
            List<CompletableFuture<Boolean>> onOwnContext = new ArrayList<>();
            for (int question = 0; question < 8; question++) {
                // Each Kafka message is handled on a duplicated context of its own, which holds its database session.
                Context own = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
                CompletableFuture<Boolean> result = new CompletableFuture<>();
                own.runOnContext(ignored -> registry.forOrganization(orgId).subscribe()
                        .with(index -> result.complete(Vertx.currentContext() == own), result::completeExceptionally));
                onOwnContext.add(result);
            }
            for (CompletableFuture<Boolean> result : onOwnContext) {
                assertThat(result.get(30, TimeUnit.SECONDS)).as("the question went on on its own context").isTrue();
            }
        }
    }

    @Test
    void questions_side_by_side_share_one_index_of_their_organisation() throws Exception {
        UUID orgId = UUID.randomUUID();
        List<CompletableFuture<Object>> indexes = new ArrayList<>();
        for (int question = 0; question < 8; question++) {
            Context own = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
            CompletableFuture<Object> result = new CompletableFuture<>();
            own.runOnContext(ignored -> registry.forOrganization(orgId).subscribe().with(result::complete, result::completeExceptionally));
            indexes.add(result);
        }
        Object first = indexes.get(0).get(30, TimeUnit.SECONDS);
        for (CompletableFuture<Object> index : indexes) {
            assertThat(index.get(30, TimeUnit.SECONDS)).isSameAs(first);
        }
    }
}
