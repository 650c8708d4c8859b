package br.ft9.memory.domain;

import java.util.List;

import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.DocumentSplitter;
import dev.langchain4j.data.document.splitter.DocumentSplitters;
import dev.langchain4j.data.segment.TextSegment;

/**
 * Cuts a text into passages for retrieval: whole paragraphs where they fit, else whole sentences, else
 * words (langchain4j's recursive splitter), each passage at most {@code maxChars} long and sharing up to
 * {@code overlapChars} with the one before, so that an answer spanning a cut is still found.
 */
public final class Chunker {

    private final DocumentSplitter splitter;

    public Chunker(int maxChars, int overlapChars) {
        this.splitter = DocumentSplitters.recursive(maxChars, overlapChars);
    }

    public List<String> chunks(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return splitter.split(Document.from(text.strip())).stream().map(TextSegment::text)
                .filter(t -> !t.isBlank()).toList();
    }
}
