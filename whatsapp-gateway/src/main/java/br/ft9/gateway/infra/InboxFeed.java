package br.ft9.gateway.infra;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import br.ft9.common.scheduling.DatabaseListening;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The live feed of every organisation's inbox on this replica. The database writes an {@code inbox_event} row in the
 * transaction of each change and NOTIFYs its id on commit (V9, V10); this replica LISTENs, reads the announced rows once
 * per organisation that has consoles connected here, and hands them to each of them. A console that reconnects names the last event it
 * got and is given what it missed, or told to reload when that is older than what is kept.
 */
@ApplicationScoped
public class InboxFeed {

    private static final Logger LOG = Logger.getLogger(InboxFeed.class);
    static final String CHANNEL = "ft9_inbox";
    /** How long events are kept for consoles that reconnect; an older gap means "reload". */
    static final Duration KEPT = Duration.ofHours(1);

    /** One change an inbox shows: what kind, in which conversation, about which message. */
    public record InboxEvent(long id, String kind, UUID conversationId, UUID messageId) {
        public static final String RELOAD = "reload";

        static InboxEvent reload() {
            return new InboxEvent(0, RELOAD, null, null);
        }
    }

    private final Pool pool;
    private final Vertx vertx;
    private final DatabaseListening database;
    private final Map<UUID, Organisation> organisations = new ConcurrentHashMap<>();

    public InboxFeed(Pool pool, Vertx vertx, DatabaseListening database) {
        this.pool = pool;
        this.vertx = vertx;
        this.database = database;
    }

    void start(@Observes StartupEvent started) {
        // Reconnects after a database restart; notifications sent meanwhile are lost, so every console connected
        // here is told to read its inbox again once this replica listens again.
        database.listen(vertx, "inbox feed", "consoles see changes when they reload",
                subscriber -> subscriber.channel(CHANNEL).handler(this::changed).subscribeHandler(this::reloadEveryone));
    }

    /** The organisation's events from now on, after those following {@code lastEventId} when the console names one. */
    public Multi<InboxEvent> follow(UUID orgId, Long lastEventId) {
        return Multi.createFrom().emitter(emitter -> {
            Listener listener = new Listener(emitter);
            join(orgId, listener).chain(cursor -> {
                if (lastEventId == null) {
                    listener.startFrom(List.of());
                    return Uni.createFrom().voidItem();
                }
                return missed(orgId, lastEventId, cursor).invoke(listener::startFrom).replaceWithVoid();
            }).subscribe().with(ok -> { }, emitter::fail);
            emitter.onTermination(() -> leave(orgId, listener));
        });
    }

    private Uni<Long> join(UUID orgId, Listener listener) {
        Organisation known = organisations.get(orgId);
        if (known != null && known.ready) {
            known.listeners.add(listener);
            return Uni.createFrom().item(known.cursor);
        }
        return pool.preparedQuery("select coalesce(max(id), 0) from inbox_event where org_id = $1").execute(Tuple.of(orgId))
                .map(rows -> rows.iterator().next().getLong(0))
                .map(latest -> {
                    Organisation organisation = organisations.computeIfAbsent(orgId, id -> new Organisation());
                    synchronized (organisation) {
                        if (!organisation.ready) {
                            organisation.cursor = latest;
                            organisation.ready = true;
                        }
                        organisation.listeners.add(listener);
                        return organisation.cursor;
                    }
                });
    }

    private void leave(UUID orgId, Listener listener) {
        organisations.computeIfPresent(orgId, (id, organisation) -> {
            organisation.listeners.remove(listener);
            return organisation.listeners.isEmpty() ? null : organisation;
        });
    }

    /**
     * The events after the console's last one up to the cursor it joins at. Events are forgotten oldest first, so when
     * the console's last event is still kept, everything after it is too; when it is gone (or the gap is too long to
     * replay) the console is told to reload.
     */
    private Uni<List<InboxEvent>> missed(UUID orgId, long lastEventId, long cursor) {
        if (lastEventId >= cursor) {
            return Uni.createFrom().item(List.of());
        }
        return pool.preparedQuery("select id, kind, conversation_id, message_id from inbox_event where org_id = $1 and id >= $2"
                + " and id <= $3 order by id limit 1001").execute(Tuple.of(orgId, lastEventId, cursor))
                .map(rows -> {
                    List<InboxEvent> events = new ArrayList<>();
                    rows.forEach(row -> events.add(event(row)));
                    if (events.isEmpty() || events.get(0).id() != lastEventId || events.size() > 1000) {
                        return List.of(InboxEvent.reload());
                    }
                    return events.subList(1, events.size());
                });
    }

    /**
     * A NOTIFY from the database, on commit: "org:id" names the organisation's new event. Only events named by a
     * notification are read: ids are handed out when transactions start, so "ids above the last one read" would skip
     * one whose transaction committed after a later one's.
     */
    private void changed(String payload) {
        int colon = payload.indexOf(':');
        UUID orgId;
        long eventId;
        try {
            orgId = UUID.fromString(colon < 0 ? payload : payload.substring(0, colon));
            eventId = colon < 0 ? -1 : Long.parseLong(payload.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            return;
        }
        Organisation organisation = organisations.get(orgId);
        if (organisation == null || !organisation.ready || eventId < 0) {
            return;
        }
        List<Long> batch;
        synchronized (organisation) {
            organisation.announced.add(eventId);
            if (organisation.reading) {
                return;
            }
            organisation.reading = true;
            batch = organisation.takeAnnounced();
        }
        read(orgId, organisation, batch);
    }

    private void reloadEveryone() {
        organisations.values().forEach(organisation -> organisation.listeners.forEach(listener -> listener.live(InboxEvent.reload())));
    }

    private void read(UUID orgId, Organisation organisation, List<Long> ids) {
        pool.preparedQuery("select id, kind, conversation_id, message_id from inbox_event where org_id = $1 and id = any($2)"
                + " order by id").execute(Tuple.of(orgId, ids.toArray(Long[]::new)))
                .subscribe().with(rows -> {
                    List<InboxEvent> events = new ArrayList<>();
                    rows.forEach(row -> events.add(event(row)));
                    List<Long> next;
                    synchronized (organisation) {
                        events.forEach(event -> organisation.cursor = Math.max(organisation.cursor, event.id()));
                        next = organisation.takeAnnounced();
                        organisation.reading = !next.isEmpty();
                    }
                    events.forEach(event -> organisation.listeners.forEach(listener -> listener.live(event)));
                    if (!next.isEmpty()) {
                        read(orgId, organisation, next);
                    }
                }, failure -> {
                    LOG.warnf("inbox feed could not read new events: %s", failure.getMessage());
                    synchronized (organisation) {
                        organisation.reading = false;
                    }
                });
    }

    private static InboxEvent event(Row row) {
        return new InboxEvent(row.getLong("id"), row.getString("kind"), row.getUUID("conversation_id"), row.getUUID("message_id"));
    }

    /** Events older than what reconnecting consoles may ask for go; safe on every replica at once. */
    @Scheduled(every = "5m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> forgetOld() {
        return pool.preparedQuery("delete from inbox_event where created_at < now() - make_interval(secs => $1)")
                .execute(Tuple.of((double) KEPT.toSeconds())).replaceWithVoid()
                .onFailure().recoverWithUni(e -> {
                    LOG.warnf("old inbox events could not be removed: %s", e.getMessage());
                    return Uni.createFrom().voidItem();
                });
    }

    /** The consoles of one organisation on this replica and how far this replica has read its events. */
    private static final class Organisation {
        final Set<Listener> listeners = new CopyOnWriteArraySet<>();
        /** The highest event id read: where a console that joins starts (its missed events end there). */
        volatile long cursor;
        volatile boolean ready;
        boolean reading;
        /** Events announced and not read yet (a read takes at most 500). */
        List<Long> announced = new ArrayList<>();

        List<Long> takeAnnounced() {
            if (announced.size() <= 500) {
                List<Long> taken = announced;
                announced = new ArrayList<>();
                return taken;
            }
            List<Long> taken = new ArrayList<>(announced.subList(0, 500));
            announced = new ArrayList<>(announced.subList(500, announced.size()));
            return taken;
        }
    }

    /**
     * One connected console: what it missed before it joined comes first, then every live event, in the order they
     * were committed (live events that arrive while the missed ones are read wait; one already replayed is not sent twice).
     */
    private static final class Listener {
        private final MultiEmitter<? super InboxEvent> emitter;
        private List<InboxEvent> waiting = new ArrayList<>();
        private Set<Long> replayed = Set.of();

        Listener(MultiEmitter<? super InboxEvent> emitter) {
            this.emitter = emitter;
        }

        synchronized void startFrom(List<InboxEvent> missed) {
            missed.forEach(emitter::emit);
            replayed = missed.stream().map(InboxEvent::id).collect(java.util.stream.Collectors.toUnmodifiableSet());
            List<InboxEvent> held = waiting;
            waiting = null;
            held.stream().filter(e -> !replayed.contains(e.id())).forEach(emitter::emit);
        }

        synchronized void live(InboxEvent event) {
            if (waiting != null) {
                waiting.add(event);
            } else if (!replayed.contains(event.id())) {
                emitter.emit(event);
            }
        }
    }
}
