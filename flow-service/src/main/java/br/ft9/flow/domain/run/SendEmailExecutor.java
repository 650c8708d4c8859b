package br.ft9.flow.domain.run;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import br.ft9.flow.domain.Limits;
import br.ft9.flow.domain.definition.SendEmail;
import io.smallrye.mutiny.Uni;

/** Mails the rendered subject and body; an address that is not one once rendered fails the run, a mail server's failure is tried again. */
@Singleton // no client proxy: its base class takes the kind in its constructor
public class SendEmailExecutor extends StepExecutor<SendEmail> {

    private final Mailbox mailbox;

    public SendEmailExecutor(Mailbox mailbox) {
        super(SendEmail.class, Effect.OUTSIDE);
        this.mailbox = mailbox;
    }

    @Override
    public Uni<StepOutcome> perform(SendEmail step, StepContext run) {
        String to = run.facts().render(step.to(), Limits.EMAIL_ADDRESS, "the address").strip();
        if (!SendEmail.ADDRESS.matcher(to).matches()) {
            return Uni.createFrom().item(new StepOutcome.Failed("the address " + (to.isEmpty() ? "(empty)" : to)
                    + " is not an email address"));
        }
        String subject = run.facts().render(step.subject(), Limits.SUBJECT, "the subject");
        String body = run.facts().render(step.body(), Limits.BODY, "the body");
        return mailbox.send(to, subject, body)
                .<StepOutcome>replaceWith(new StepOutcome.Done(JsonNodeFactory.instance.objectNode().put("to", to).put("subject", subject)))
                .onFailure().recoverWithItem(e -> new StepOutcome.RetryLater("the mail could not be sent: " + e.getMessage()));
    }
}
