package br.ft9.console;

import java.util.List;

/** What one page says: its language, title, paragraphs, an optional command to copy, and the footer. */
public record Page(String language, String title, List<String> paragraphs, String command, String footer) {
}
