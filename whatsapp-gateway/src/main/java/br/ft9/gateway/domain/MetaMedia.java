package br.ft9.gateway.domain;

import io.smallrye.mutiny.Uni;

/** Media a contact sent, as Meta keeps it: described by its id, downloaded from the short-lived URL it gives. */
public interface MetaMedia {

    /** What Meta says of a media id; any field may be missing. */
    record Described(String mimeType, String sha256, Long fileSize, String url) {
    }

    Uni<Described> describe(String mediaId, String accessToken);

    /** The bytes at Meta's URL (which needs the same token), at most {@code maxBytes}. */
    Uni<byte[]> download(String url, String accessToken, long maxBytes);
}
