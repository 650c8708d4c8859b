package br.ft9.auth.infra;

import br.ft9.auth.domain.AccountMail;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;

/**
 * Sends invitation and password-reset mails through the configured SMTP relay (without one, quarkus-mailer's mock
 * mode logs them). A failed send is reported, never fatal: the invitation stays valid.
 */
@ApplicationScoped
public class InvitationMailer implements AccountMail {

    private static final Logger LOG = Logger.getLogger(InvitationMailer.class);

    private final ReactiveMailer mailer;
    private final String publicUrl;

    public InvitationMailer(ReactiveMailer mailer, @ConfigProperty(name = "ft9.public-url") String publicUrl) {
        this.mailer = mailer;
        this.publicUrl = publicUrl;
    }

    /** True when the relay accepted the mail. */
    public Uni<Boolean> send(String email, String token, Duration validFor) {
        String link = publicUrl + "/invitations/accept?token=" + token;
        String text = """
                Olá!

                Você foi convidado(a) para a FT9. Para criar sua senha, abra o link abaixo \
                (válido por %d dias):
                %s

                Se preferir a API: POST /api/users/invitations/accept com {"token": "%s", "password": "..."}.

                Se você não esperava este convite, ignore esta mensagem.
                """.formatted(validFor.toDays(), link, token);
        return deliver(email, text);
    }

    /**
     * The mail for an address that already has an account in another organisation: no link (an address belongs to one
     * organisation), and the reason, told to the address's owner only.
     */
    public Uni<Boolean> sendAlreadyHeld(String email) {
        String text = """
                Olá!

                Uma organização convidou este endereço para a FT9, mas ele já tem uma conta em outra organização, \
                e cada endereço pertence a uma organização só. Para entrar nesta, peça a quem convidou que use \
                outro endereço. A sua conta atual continua como estava.

                (Someone invited this address to an FT9 organisation, but it already has an account in another one; \
                ask them to invite another address. Your current account is unchanged.)

                Se você não esperava este convite, ignore esta mensagem.
                """;
        return deliver(email, text);
    }

    /** The "forgot my password" mail: a link that works once, for the time it says. */
    public Uni<Boolean> sendPasswordReset(String email, String token, Duration validFor) {
        String link = publicUrl + "/password/reset?token=" + token;
        String text = """
                Olá!

                Alguém (provavelmente você) pediu para trocar a senha desta conta na FT9. Para escolher uma nova, abra o \
                link abaixo (vale por %d minutos, uma vez só):
                %s

                (Someone, probably you, asked to reset this FT9 account's password: open the link above within %d minutes.)

                Se não foi você, ignore esta mensagem: a senha atual continua valendo.
                """.formatted(validFor.toMinutes(), link, validFor.toMinutes());
        return deliver(email, "Trocar a senha da FT9", text);
    }

    private Uni<Boolean> deliver(String email, String text) {
        return deliver(email, "Seu convite para a FT9", text);
    }

    private Uni<Boolean> deliver(String email, String subject, String text) {
        return mailer.send(Mail.withText(email, subject, text))
                .ifNoItem().after(Duration.ofSeconds(10)).fail()
                .replaceWith(true)
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("an invitation mail was not sent: %s", failure.getMessage());
                    return false;
                });
    }
}
