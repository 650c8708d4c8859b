package br.ft9.gateway.infra;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import br.ft9.gateway.domain.MetaMedia;
import io.smallrye.mutiny.Uni;

/** Media through the Graph API: {@code GET /{media-id}} read into its description, and the download. */
@ApplicationScoped
public class GraphMedia implements MetaMedia {

    private final GraphSender graph;

    public GraphMedia(GraphSender graph) {
        this.graph = graph;
    }

    @Override
    public Uni<Described> describe(String mediaId, String accessToken) {
        return graph.media(mediaId, accessToken).map(answer -> new Described(text(answer, "mime_type"), text(answer, "sha256"),
                answer.hasNonNull("file_size") ? answer.path("file_size").asLong() : null, text(answer, "url")));
    }

    @Override
    public Uni<byte[]> download(String url, String accessToken, long maxBytes) {
        return graph.download(url, accessToken, maxBytes);
    }

    private static String text(JsonNode node, String field) {
        return node.path(field).asText(null);
    }
}
