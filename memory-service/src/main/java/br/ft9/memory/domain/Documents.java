package br.ft9.memory.domain;

import java.util.Locale;
import java.util.Map;

/** Reads an uploaded document's text; blocking and CPU-heavy, so callers run it on the bounded document worker. */
public interface Documents {

    /** The file kinds accepted, by extension. */
    Map<String, String> KINDS = Map.of("txt", "text/plain", "md", "text/markdown", "markdown",
            "text/markdown", "html", "text/html", "htm", "text/html", "pdf", "application/pdf", "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document");

    /** A file whose text could not be read, with the reason in words a person understands. */
    class Unreadable extends RuntimeException {
        public Unreadable(String reason, Throwable cause) {
            super(reason, cause);
        }
    }

    static String extension(String filename) {
        int dot = filename == null ? -1 : filename.lastIndexOf('.');
        return dot < 0 ? "" : filename.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** The file's text, or {@link Unreadable} with the reason. */
    String read(String filename, byte[] bytes);
}
