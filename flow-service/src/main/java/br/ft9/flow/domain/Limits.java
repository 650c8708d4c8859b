package br.ft9.flow.domain;

/**
 * How large what an automation defines and renders may be: WhatsApp's own limits for what it sends (4096 characters of
 * text, 1024 per template parameter), and bounds for the rest so that no run can write an event the broker refuses.
 */
public final class Limits {

    public static final int TEXT = 4096;
    public static final int TEMPLATE_PARAMETER = 1024;
    public static final int TEMPLATE_PARAMETERS = 20;
    public static final int FIELD_VALUE = 1024;
    public static final int TAG = 50;
    public static final int URL = 2048;
    public static final int BODY = 65_536;
    public static final int EMAIL_ADDRESS = 320;
    public static final int SUBJECT = 200;
    public static final int REASON = 500;
    /** Steps in a definition, branches' steps included. */
    public static final int STEPS = 100;
    /** A definition as JSON text. */
    public static final int DEFINITION = 65_536;
    /** A webhook trigger's body. */
    public static final int TRIGGER_BODY = 65_536;

    private Limits() {
    }
}
