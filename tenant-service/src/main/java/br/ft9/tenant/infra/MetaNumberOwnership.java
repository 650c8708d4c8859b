package br.ft9.tenant.infra;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import br.ft9.common.errors.InvalidField;
import br.ft9.tenant.domain.NewChannel;
import br.ft9.tenant.domain.NumberOwnership;
import io.smallrye.mutiny.Uni;

/**
 * Asks Meta's Graph API for the number with the token given ({@code GET /{version}/{phone-number-id}}): Meta answers
 * only a token of the business that owns the number, so a number cannot be claimed with someone else's id. Meta's
 * refusals (error 190: the token; others: the number) become the field at fault; no answer within 10 s, a 5xx or a
 * refused connection is {@link NumberOwnership.Unavailable}. Turned off for the local suite, which has no Meta.
 */
@ApplicationScoped
public class MetaNumberOwnership implements NumberOwnership {

    private static final Logger LOG = Logger.getLogger(MetaNumberOwnership.class);

    private final GraphPhoneNumbers graph;
    private final boolean enabled;
    private final String version;
    private final ObjectMapper json = new ObjectMapper();

    public MetaNumberOwnership(@RestClient GraphPhoneNumbers graph,
            @ConfigProperty(name = "ft9.channels.check-with-meta") boolean enabled,
            @ConfigProperty(name = "ft9.whatsapp.graph.version") String version) {
        this.graph = graph;
        this.enabled = enabled;
        this.version = version;
    }

    @Override
    public Uni<Void> confirm(NewChannel number) {
        if (!enabled) {
            return Uni.createFrom().voidItem();
        }
        return graph.phoneNumber(version, number.phoneNumberId(), "id,display_phone_number", "Bearer " + number.accessToken())
                .ifNoItem().after(Duration.ofSeconds(10)).failWith(() -> new Unavailable("Meta did not answer within 10 s"))
                .onFailure(WebApplicationException.class).transform(this::refusal)
                .onFailure(e -> !(e instanceof InvalidField) && !(e instanceof Unavailable))
                .transform(e -> new Unavailable("Meta could not be reached"))
                .invoke(found -> {
                    if (!number.phoneNumberId().equals(found.path("id").asText())) {
                        throw new InvalidField("phoneNumberId", "Meta does not show this number to this token");
                    }
                })
                .replaceWithVoid();
    }

    private RuntimeException refusal(Throwable failure) {
        WebApplicationException refused = (WebApplicationException) failure;
        int status = refused.getResponse().getStatus();
        if (status >= 500) {
            return new Unavailable("Meta answered " + status);
        }
        int code = -1;
        try {
            String body = refused.getResponse().readEntity(String.class);
            code = json.readTree(body).path("error").path("code").asInt(-1);
        } catch (RuntimeException | java.io.IOException e) {
            LOG.debugf("Meta's refusal had no readable error: %s", e.getMessage());
        }
        if (code == 190) {
            return new InvalidField("accessToken", "Meta refused this access token (invalid or expired)");
        }
        return new InvalidField("phoneNumberId", "Meta does not show this number to this token: connect it with a token of "
                + "the business that owns it");
    }
}
