package br.ft9.flow.domain.run;

import io.smallrye.mutiny.Uni;

/** Sends a {@code send_email} step's mail; a failure is worth another attempt. */
public interface Mailbox {

    Uni<Void> send(String to, String subject, String body);
}
