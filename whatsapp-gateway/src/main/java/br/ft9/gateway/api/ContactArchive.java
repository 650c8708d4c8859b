package br.ft9.gateway.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import br.ft9.gateway.domain.ContactPrivacy;

/**
 * A contact's export as one zip: {@code contact.json} (the export, with a {@code mediaFiles} list saying which file
 * holds which message's media and which could not be fetched) and {@code media/<message id>.<extension>}.
 */
final class ContactArchive {

    private static final Map<String, String> EXTENSIONS = Map.ofEntries(Map.entry("image/jpeg", "jpg"),
            Map.entry("image/png", "png"), Map.entry("image/webp", "webp"), Map.entry("audio/ogg", "ogg"),
            Map.entry("audio/mpeg", "mp3"), Map.entry("audio/mp4", "m4a"), Map.entry("audio/aac", "aac"),
            Map.entry("video/mp4", "mp4"), Map.entry("video/3gpp", "3gp"), Map.entry("application/pdf", "pdf"),
            Map.entry("text/plain", "txt"));

    private ContactArchive() {
    }

    static byte[] zip(ContactPrivacy.Archive archive, ObjectMapper json) {
        ObjectNode document = archive.document().deepCopy();
        ArrayNode listed = document.putArray("mediaFiles");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (ContactPrivacy.MediaFile file : archive.files()) {
                String name = "media/" + file.messageId() + "." + extension(file.mimeType());
                zip.putNextEntry(new ZipEntry(name));
                zip.write(file.bytes());
                zip.closeEntry();
                listed.addObject().put("messageId", file.messageId().toString()).put("file", name).put("mimeType", file.mimeType())
                        .put("bytes", file.bytes().length);
            }
            for (ContactPrivacy.MissingMedia missing : archive.missing()) {
                listed.addObject().put("messageId", missing.messageId().toString()).putNull("file").put("missing", missing.reason());
            }
            zip.putNextEntry(new ZipEntry("contact.json"));
            zip.write(json.writerWithDefaultPrettyPrinter().writeValueAsBytes(document));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException("the archive could not be written", e);
        }
        return bytes.toByteArray();
    }

    private static String extension(String mimeType) {
        String type = mimeType == null ? "" : mimeType.split(";")[0].strip().toLowerCase(java.util.Locale.ROOT);
        return EXTENSIONS.getOrDefault(type, "bin");
    }
}
