package br.ft9.gateway.domain;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** whatsapp-gateway's settings ({@code ft9.whatsapp.*}, see application.properties for the environment variables). */
@ConfigMapping(prefix = "ft9.whatsapp")
public interface GatewaySettings {

    /** Where send commands go: Meta's Graph API, or the local outbox a developer reads instead. */
    enum OutboundDelivery {
        GRAPH, LOCAL
    }

    /** The app secret Meta signs webhooks with (X-Hub-Signature-256). */
    String appSecret();

    /** During a rotation, the app secret before the current one, still accepted until {@link #appSecretPreviousUntil()}. */
    Optional<String> appSecretPrevious();

    Optional<java.time.Instant> appSecretPreviousUntil();

    /** The token Meta's subscription handshake must echo. */
    String verifyToken();

    @WithDefault("graph")
    OutboundDelivery outboundDelivery();

    Graph graph();

    /** The largest media file the console may ask for. */
    @WithDefault("26214400")
    long mediaMaxBytes();

    /** Messages a number may send per second (Meta's throughput tier). */
    @WithDefault("80")
    int rateLimitPerSecond();

    /**
     * The most webhook notifications handled at once; beyond it a 503 with Retry-After that Meta retries (see
     * {@link WebhookAdmission}).
     */
    @WithDefault("512")
    int webhooksInFlight();

    /**
     * The most messages, from webhooks arriving at once, stored in one transaction (a group commit, {@link
     * InboundMessages}): a lone webhook commits alone; under load several share a commit.
     */
    @WithDefault("64")
    int ingestGroupLargest();

    /** How many of those transactions are committing at once; what arrives meanwhile waits for the next. */
    @WithDefault("2")
    int ingestCommitsInFlight();

    /**
     * Whether every change of a sent message's status is also published on {@code ft9.whatsapp.status}. Nothing in the
     * suite reads those events (the message and its journey keep the status), so by default none is written: each would
     * cost an outbox row, a contact read and a broker write per status. Turn it on for a consumer that needs them.
     */
    @WithDefault("false")
    boolean statusEvents();

    /**
     * How long which organisation a number belongs to is kept in memory without a notification of a change to it (the
     * database notifies each change at commit; this bounds what a notification lost in a reconnect can leave).
     */
    @WithDefault("PT1M")
    java.time.Duration routeCacheTtl();

    /**
     * How long after its claim a message still sending is taken for one whose sender stopped in the middle (longer than a
     * live sender holds one: Graph attempts of 10 s, 30 s in all); it is then marked failed.
     */
    @WithDefault("PT2M")
    java.time.Duration interruptedSendAfter();

    /** How often messages whose sender stopped in the middle are looked for. */
    @WithDefault("PT1M")
    java.time.Duration interruptedSendCheck();

    /** For how many numbers the organisation they belong to is kept in memory. */
    @WithDefault("100000")
    long routeCacheSize();

    interface Graph {

        /** The Graph API version called. */
        String version();
    }
}
