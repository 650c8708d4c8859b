package br.ft9.gateway.domain;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a send command asks the gateway to put in front of a contact, checked against WhatsApp's own
 * limits before anything is sent (a message Meta would refuse fails here, with a clear reason).
 */
public record SendRequest(Kind kind, Origin origin, String text, Template template, Interactive interactive, Media media,
        String replyToWaMessageId) {

    /** The shapes of message the gateway sends. */
    public enum Kind {
        TEXT, TEMPLATE, INTERACTIVE, MEDIA;

        public static Kind of(String value) {
            try {
                return value == null ? null : valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }

    /**
     * Who asked for the message: the assistant, an automation, a person in the inbox, or the platform itself
     * (the hand-off notice, which must reach the contact although the bot has just fallen silent).
     */
    public enum Origin {
        BOT, FLOW, AGENT, SYSTEM;

        public boolean automatic() {
            return this == BOT || this == FLOW;
        }

        public static Origin of(String value) {
            try {
                return value == null ? null : valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }

    /** An approved template by name and language, with its body's parameters in order. */
    public record Template(String name, String language, List<String> bodyParameters) {
    }

    /** Reply buttons (up to 3) or a list (up to 10 rows) under a body text. */
    public record Interactive(String style, String body, String buttonLabel, List<Option> options) {
    }

    public record Option(String id, String title, String description) {
    }

    /** A picture, document, audio or video Meta fetches from a public https URL. */
    public record Media(String type, String url, String caption, String filename) {
    }

    private static final Set<String> MEDIA_TYPES = Set.of("image", "document", "audio", "video");

    /** Why WhatsApp would refuse this message, or null when it is well formed. */
    public String problem() {
        if (kind == null) {
            return "kind must be one of text, template, interactive, media";
        }
        if (origin == null) {
            return "origin must be one of bot, flow, agent, system";
        }
        return switch (kind) {
            case TEXT -> blank(text) ? "a text message needs text"
                    : text.length() > 4096 ? "text is longer than WhatsApp's 4096 characters" : null;
            case TEMPLATE -> template == null || blank(template.name()) ? "a template message needs the template's name"
                    : blank(template.language()) ? "a template message needs the template's language (e.g. pt_BR)" : null;
            case INTERACTIVE -> interactiveProblem();
            case MEDIA -> media == null || media.type() == null || !MEDIA_TYPES.contains(media.type())
                    ? "media.type must be one of image, document, audio, video"
                    : media.url() == null || !media.url().startsWith("https://") ? "media.url must be an https URL"
                    : media.caption() != null && media.caption().length() > 1024 ? "media.caption is longer than 1024 characters"
                    : null;
        };
    }

    private String interactiveProblem() {
        if (interactive == null || blank(interactive.body())) {
            return "an interactive message needs a body";
        }
        List<Option> options = interactive.options() == null ? List.of() : interactive.options();
        if (options.stream().anyMatch(o -> o == null || blank(o.id()) || blank(o.title()))) {
            return "every option needs an id and a title";
        }
        if ("buttons".equals(interactive.style())) {
            if (options.isEmpty() || options.size() > 3) {
                return "reply buttons are 1 to 3";
            }
            return options.stream().anyMatch(o -> o.title().length() > 20) ? "a button title is at most 20 characters" : null;
        }
        if ("list".equals(interactive.style())) {
            if (options.isEmpty() || options.size() > 10) {
                return "a list has 1 to 10 rows";
            }
            if (blank(interactive.buttonLabel()) || interactive.buttonLabel().length() > 20) {
                return "a list needs a buttonLabel of at most 20 characters";
            }
            return options.stream().anyMatch(o -> o.title().length() > 24) ? "a list row title is at most 24 characters" : null;
        }
        return "interactive.style must be buttons or list";
    }

    /** What the inbox shows for this message. */
    public String preview() {
        if (kind == null) {
            return null;
        }
        return switch (kind) {
            case TEXT -> text;
            case TEMPLATE -> template == null ? null : "[template " + template.name() + "]";
            case INTERACTIVE -> interactive == null ? null : interactive.body();
            case MEDIA -> media == null ? null : media.caption() != null ? media.caption() : "[" + media.type() + "]";
        };
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
