package br.ft9.flow.infra;

import jakarta.enterprise.context.ApplicationScoped;

import br.ft9.flow.domain.run.Mailbox;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;

/** Mails through quarkus-mailer (the SMTP server configured for the platform). */
@ApplicationScoped
public class QuarkusMailbox implements Mailbox {

    private final ReactiveMailer mailer;

    public QuarkusMailbox(ReactiveMailer mailer) {
        this.mailer = mailer;
    }

    @Override
    public Uni<Void> send(String to, String subject, String body) {
        return mailer.send(Mail.withText(to, subject, body));
    }
}
