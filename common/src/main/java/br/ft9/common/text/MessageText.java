package br.ft9.common.text;

/**
 * A contact's message as written (for patterns) and folded (for keywords): folded once, however many claims or
 * triggers then read it.
 */
public record MessageText(String text, String folded) {

    public static MessageText of(String text) {
        String written = text == null ? "" : text;
        return new MessageText(written, MessageClaim.fold(written));
    }
}
