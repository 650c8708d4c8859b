package br.ft9.memory.infra;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;

import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.sax.BodyContentHandler;

/**
 * The text of an uploaded document (plain text, Markdown, HTML, PDF, DOCX) through Apache Tika. Blocking
 * and CPU-heavy: callers run it on a worker thread.
 */
public final class DocumentText {

    /** The file kinds accepted, by extension. */
    public static final Map<String, String> KINDS = Map.of("txt", "text/plain", "md", "text/markdown", "markdown",
            "text/markdown", "html", "text/html", "htm", "text/html", "pdf", "application/pdf", "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document");

    /** A file whose text could not be read, with the reason in words a person understands. */
    public static class Unreadable extends RuntimeException {
        public Unreadable(String reason, Throwable cause) {
            super(reason, cause);
        }
    }

    private static final int MAX_CHARS = 5_000_000;
    private final AutoDetectParser parser = new AutoDetectParser();

    public static String extension(String filename) {
        int dot = filename == null ? -1 : filename.lastIndexOf('.');
        return dot < 0 ? "" : filename.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    public String read(String filename, byte[] bytes) {
        String kind = extension(filename);
        if ("txt".equals(kind) || "md".equals(kind) || "markdown".equals(kind)) {
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8).replace("\r\n", "\n");
        }
        Metadata metadata = new Metadata();
        metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, filename);
        BodyContentHandler text = new BodyContentHandler(MAX_CHARS);
        try (InputStream in = new ByteArrayInputStream(bytes)) {
            parser.parse(in, text, metadata, new ParseContext());
        } catch (Exception e) {
            throw new Unreadable("the file could not be read as " + kind.toUpperCase(Locale.ROOT) + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
        String content = text.toString().replaceAll("[ \\t\\x0B\\f]+", " ").replaceAll("\\n\\s*\\n\\s*\\n+", "\n\n").strip();
        if (content.isEmpty()) {
            throw new Unreadable("no text was found in the file", null);
        }
        return content;
    }
}
