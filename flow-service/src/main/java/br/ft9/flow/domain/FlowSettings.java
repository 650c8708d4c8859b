package br.ft9.flow.domain;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** flow-service's settings ({@code ft9.flow.*}, see application.properties for the environment variables). */
@ConfigMapping(prefix = "ft9.flow")
public interface FlowSettings {

    /** How often due steps are looked for (runs ready now are claimed at the NOTIFY of their commit). */
    @WithDefault("PT1S")
    Duration pollInterval();

    /** How long after start the first look waits. */
    @WithDefault("2s")
    Duration initialDelay();

    /** How long an organisation's active automations and opening hours are kept in memory without a notification of a change. */
    @WithDefault("PT1M")
    Duration organizationCacheTtl();

    /** For how many organisations active automations and opening hours are kept in memory. */
    @WithDefault("10000")
    long organizationCacheSize();

    /** How many runs a worker claims at once. */
    @WithDefault("20")
    int claimBatch();

    /** How many workers drain claimed runs in parallel. */
    @WithDefault("4")
    int workers();

    /** The first retry's wait after a step failed for a reason that passes (it doubles each time). */
    @WithDefault("PT2S")
    Duration retryBackoff();

    /** How often scheduled automations are looked at. */
    @WithDefault("PT15S")
    Duration scheduleInterval();

    /** How often organisations whose automations' claims on messages are due an announcement (never made, runs left again) are looked for. */
    @WithDefault("PT1H")
    Duration claimsCheckInterval();

    /**
     * How long after claims are withdrawn for want of runs a claimed message whose run is refused still goes to the team:
     * memory-service may have left it to the automation before it read the withdrawal.
     */
    @WithDefault("PT5S")
    Duration claimsWithdrawalGrace();

    Webhook webhook();

    ServiceClient serviceClient();

    interface Webhook {

        /** Hosts a call_webhook step may reach although they are private (an operator's decision). */
        Optional<List<String>> allowedHosts();

        /** How long a call_webhook step waits for the answer's last byte before the attempt fails. */
        @WithDefault("PT10S")
        Duration timeout();
    }

    /** flow-service's own client at auth-service, for the tokens it calls memory-service with. */
    interface ServiceClient {

        String id();

        Optional<String> secret();
    }
}
