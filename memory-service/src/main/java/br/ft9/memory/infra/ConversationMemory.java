package br.ft9.memory.infra;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import br.ft9.memory.domain.Answers;
import br.ft9.memory.domain.ConversationTurns;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.quarkus.redis.datasource.list.ReactiveListCommands;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;

/**
 * The last turns of each contact's conversation, in Redis for a day: context for the language model, and
 * nothing that matters if lost. Unreachable Redis means an answer without context, not a failure.
 */
@ApplicationScoped
public class ConversationMemory implements ConversationTurns {

    private static final Logger LOG = Logger.getLogger(ConversationMemory.class);
    private static final String PREFIX = "ft9:memory:turns:";
    private static final int TURNS = 6;
    private static final long TTL_SECONDS = 24 * 3600;

    private final ReactiveListCommands<String, String> lists;
    private final ReactiveKeyCommands<String> keys;
    private final Redis client;

    public ConversationMemory(ReactiveRedisDataSource redis) {
        this.lists = redis.list(String.class);
        this.keys = redis.key();
        this.client = redis.getRedis();
    }

    @Override
    public Uni<List<Answers.Turn>> recent(UUID orgId, UUID contactId) {
        return lists.lrange(key(orgId, contactId), 0, -1)
                .map(entries -> entries.stream().map(e -> {
                    int tab = e.indexOf('\t');
                    return new Answers.Turn(e.substring(0, tab), e.substring(tab + 1));
                }).toList())
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("conversation memory unavailable: %s", e.getMessage());
                    return List.of();
                });
    }

    @Override
    public Uni<Void> remember(UUID orgId, UUID contactId, String question, String answer) {
        String key = key(orgId, contactId);
        // One round trip for the three commands (pipelined, in this order on the connection): every answer writes them.
        return client.batch(List.of(
                Request.cmd(Command.RPUSH).arg(key).arg("contact\t" + question).arg("assistant\t" + answer),
                Request.cmd(Command.LTRIM).arg(key).arg(-TURNS).arg(-1),
                Request.cmd(Command.EXPIRE).arg(key).arg(TTL_SECONDS)))
                .replaceWithVoid()
                .onFailure().recoverWithNull();
    }

    @Override
    public Uni<Void> forget(UUID orgId, UUID contactId) {
        return keys.del(key(orgId, contactId)).replaceWithVoid();
    }

    private static String key(UUID orgId, UUID contactId) {
        return PREFIX + orgId + ":" + contactId;
    }
}
