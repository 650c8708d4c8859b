package br.ft9.gateway.domain;

import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import br.ft9.common.errors.Conflict;
import br.ft9.common.errors.NotFound;
import br.ft9.common.security.SecretBox;
import io.smallrye.mutiny.Uni;

/**
 * A contact's picture, audio, video, document or sticker, looked up through the Graph API only when
 * someone opens it: the webhook path never waits on media.
 */
@ApplicationScoped
public class MediaLookup {

    private static final Set<String> MEDIA = Set.of("image", "audio", "video", "document", "sticker");

    /** Meta's description of a media: a short-lived download URL (fetched with the same token), its type, size and hash. */
    public record Media(String mediaId, String mimeType, String sha256, Long fileSize, String url) {
    }

    private final Inbox inbox;
    private final MetaMedia meta;
    private final SecretBox tokens;
    private final ObjectMapper json;

    public MediaLookup(Inbox inbox, MetaMedia meta, SecretBox tokens, ObjectMapper json) {
        this.inbox = inbox;
        this.meta = meta;
        this.tokens = tokens;
        this.json = json;
    }

    public Uni<Media> of(UUID orgId, UUID conversationId, UUID messageId) {
        return inbox.messageWithRoute(orgId, conversationId, messageId).chain(this::describe);
    }

    private Uni<Media> describe(Inbox.MessageSource source) {
        WhatsAppMessage message = source.message();
        if (!WhatsAppMessage.IN.equals(message.direction) || !MEDIA.contains(message.type)) {
            throw new NotFound("the message has no media");
        }
        String mediaId;
        try {
            mediaId = json.readTree(message.payload).path(message.type).path("id").asText(null);
        } catch (Exception e) {
            mediaId = null;
        }
        if (mediaId == null) {
            throw new NotFound("the message has no media");
        }
        if (source.route() == null) {
            throw new Conflict("phoneNumberId", "the number this media arrived on is no longer connected");
        }
        String id = mediaId;
        return meta.describe(id, tokens.decrypt(source.route().accessTokenSealed)).map(described -> new Media(id,
                described.mimeType(), described.sha256(), described.fileSize(), described.url()));
    }

    /** The media's bytes and type, downloaded from Meta's short-lived URL with the organisation's token. */
    public record Content(byte[] bytes, String mimeType) {
    }

    /** Downloads the media (at most {@code maxBytes}); the URL Meta gives needs the same token as the Graph API. */
    public Uni<Content> content(UUID orgId, UUID conversationId, UUID messageId, long maxBytes) {
        return inbox.messageWithRoute(orgId, conversationId, messageId).chain(source -> describe(source)
                .chain(media -> meta.download(media.url(), tokens.decrypt(source.route().accessTokenSealed), maxBytes)
                        .map(bytes -> new Content(bytes, media.mimeType() == null ? "application/octet-stream" : media.mimeType()))));
    }
}
