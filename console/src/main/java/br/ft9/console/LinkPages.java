package br.ft9.console;

import java.util.List;
import java.util.Locale;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;

/**
 * The pages that links people open in a browser lead to (the invitation mail, Stripe's return after checkout or the
 * billing portal), at the console's address: each says what happened and what to do until the console's own screen
 * exists, in Portuguese unless the browser prefers English. Everything taken from the link is shown as text.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class LinkPages {

    private final Template page;
    private final String api;

    public LinkPages(Template page, @ConfigProperty(name = "ft9.console.api-url") String api) {
        this.page = page;
        this.api = api;
    }

    private static boolean english(String acceptLanguage) {
        return acceptLanguage != null && acceptLanguage.strip().toLowerCase(Locale.ROOT).startsWith("en");
    }

    private TemplateInstance render(boolean en, String titlePt, String titleEn, List<String> pt, List<String> enText, String command) {
        String footer = en ? "The FT9 web console is on its way; this page stands in for its screen."
                : "O console web da FT9 está chegando; esta página faz as vezes da tela dele.";
        return page.data("page", new Page(en ? "en" : "pt-BR", en ? titleEn : titlePt, en ? enText : pt, command, footer));
    }

    @GET
    public TemplateInstance home(@HeaderParam("Accept-Language") String language) {
        boolean en = english(language);
        return render(en, "Console FT9", "FT9 console",
                List.of("As telas do console (entrada, caixa de conversas, conhecimento, automações) ainda não estão aqui.",
                        "Enquanto isso, a API da FT9 atende em " + api + "; cada serviço descreve a sua em /q/swagger-ui."),
                List.of("The console's screens (sign-in, inbox, knowledge, automations) are not here yet.",
                        "Meanwhile FT9's API answers at " + api + "; each service describes its own at /q/swagger-ui."),
                null);
    }

    @GET
    @Path("invitations/accept")
    public TemplateInstance invitation(@QueryParam("token") String token, @HeaderParam("Accept-Language") String language) {
        boolean en = english(language);
        String body = "{\"token\": \"" + (token == null ? "" : token) + "\", \"password\": \"<8+ caracteres / characters>\"}";
        String command = token == null || token.isBlank() ? null
                : "curl -X POST " + api + "/api/users/invitations/accept -H 'Content-Type: application/json' -d '" + body + "'";
        return render(en, "Seu convite para a FT9", "Your invitation to FT9",
                command == null ? List.of("Este link de convite está incompleto: falta o código do convite. Abra o link do e-mail inteiro.")
                        : List.of("Você foi convidado(a) para a equipe de uma organização na FT9.",
                                "A tela para criar sua senha chega com o console. Até lá, crie a senha com o comando abaixo "
                                        + "(o convite vale pelo prazo dito no e-mail e só uma vez) e depois entre com seu e-mail e essa senha."),
                command == null ? List.of("This invitation link is incomplete: the invitation code is missing. Open the whole link from the e-mail.")
                        : List.of("You were invited to an organisation's team on FT9.",
                                "The screen to choose your password comes with the console. Until then, set it with the command "
                                        + "below (the invitation is valid for the time the e-mail says, once) and sign in with your e-mail and that password."),
                command);
    }

    @GET
    @Path("billing/done")
    public TemplateInstance checkoutDone(@HeaderParam("Accept-Language") String language) {
        boolean en = english(language);
        return render(en, "Pagamento recebido", "Payment received",
                List.of("O Stripe recebeu sua assinatura. O novo plano vale assim que o Stripe confirmar à FT9, em poucos segundos.",
                        "Pode fechar esta página."),
                List.of("Stripe has your subscription. The new plan applies as soon as Stripe confirms it to FT9, within seconds.",
                        "You can close this page."),
                null);
    }

    @GET
    @Path("billing/canceled")
    public TemplateInstance checkoutCanceled(@HeaderParam("Accept-Language") String language) {
        boolean en = english(language);
        return render(en, "Assinatura não concluída", "Subscription not completed",
                List.of("Você saiu do pagamento antes do fim: nada foi cobrado e seu plano continua o mesmo."),
                List.of("You left the checkout before the end: nothing was charged and your plan is unchanged."),
                null);
    }

    @GET
    @Path("billing")
    public TemplateInstance portalReturn(@HeaderParam("Accept-Language") String language) {
        boolean en = english(language);
        return render(en, "De volta do portal de cobrança", "Back from the billing portal",
                List.of("O que você mudou no portal do Stripe (forma de pagamento, plano, cancelamento) chega à FT9 em poucos segundos."),
                List.of("What you changed in Stripe's portal (payment method, plan, cancellation) reaches FT9 within seconds."),
                null);
    }

    /** Any other address: a page that says so, with 404. */
    @GET
    @Path("{any: .+}")
    public Response unknown(@HeaderParam("Accept-Language") String language) {
        boolean en = english(language);
        return Response.status(Response.Status.NOT_FOUND).entity(render(en, "Página não encontrada", "Page not found",
                List.of("Não há nada neste endereço. Confira o link que você abriu."),
                List.of("There is nothing at this address. Check the link you opened."), null)).build();
    }
}
