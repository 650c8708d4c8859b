package br.ft9.flow.domain.run;

import io.smallrye.mutiny.Uni;

/** Calls an organisation's system for a {@code call_webhook} step. */
public interface WebhookCalls {

    /** How the call went. */
    sealed interface Reply {
    }

    /** The system answered with a success status. */
    record Answered(int status, String body) implements Reply {
    }

    /** The address may not be called (not public, not http): trying again would not help. */
    record Refused(String reason) implements Reply {
    }

    /** Unreachable, too slow, or an error status: worth another attempt. */
    record Failed(String reason) implements Reply {
    }

    Uni<Reply> call(String method, String url, String body);
}
