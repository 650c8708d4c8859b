package br.ft9.gateway.infra;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.JsonNode;

import br.ft9.gateway.domain.GatewaySettings;
import br.ft9.gateway.domain.MessageTemplate;
import br.ft9.gateway.domain.TemplateCatalog;
import io.smallrye.mutiny.Uni;

/**
 * The approved templates from {@code GET /{waba-id}/message_templates} (Meta's documented shape: {@code data[]} with
 * name, language, status, category and components, the BODY component's text holding {{1}}, {{2}}...).
 */
@ApplicationScoped
public class GraphTemplates implements TemplateCatalog {

    static final String FIELDS = "name,language,status,category,components";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\d+)}}");

    private final GraphApi graph;
    private final String version;

    public GraphTemplates(@RestClient GraphApi graph, GatewaySettings settings) {
        String version = settings.graph().version();
        this.graph = graph;
        this.version = version;
    }

    @Override
    @Timeout(value = 8, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 250, abortOn = GraphApiException.Rejected.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
            skipOn = GraphApiException.Rejected.class)
    public Uni<List<MessageTemplate>> approved(String wabaId, String accessToken) {
        return graph.templates(version, wabaId, "Bearer " + accessToken, FIELDS, 200, "APPROVED").map(GraphTemplates::read);
    }

    static List<MessageTemplate> read(JsonNode answer) {
        List<MessageTemplate> templates = new ArrayList<>();
        for (JsonNode template : answer.path("data")) {
            if (!"APPROVED".equals(template.path("status").asText())) {
                continue;
            }
            String body = null;
            for (JsonNode component : template.path("components")) {
                if ("BODY".equals(component.path("type").asText())) {
                    body = component.path("text").asText(null);
                }
            }
            templates.add(new MessageTemplate(template.path("name").asText(), template.path("language").asText(),
                    template.path("category").asText(null), body, placeholders(body)));
        }
        return templates;
    }

    private static int placeholders(String body) {
        int highest = 0;
        if (body != null) {
            Matcher matcher = PLACEHOLDER.matcher(body);
            while (matcher.find()) {
                highest = Math.max(highest, Integer.parseInt(matcher.group(1)));
            }
        }
        return highest;
    }
}
