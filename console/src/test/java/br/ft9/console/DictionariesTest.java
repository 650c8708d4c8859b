package br.ft9.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Every text of the console exists in Portuguese and in English, and every key the screens use is in both. */
class DictionariesTest {

    private static final Path APP = Path.of("src", "main", "webui", "src");
    private static final Pattern LITERAL_KEY = Pattern.compile("\\bt\\('([a-zA-Z]+\\.[a-zA-Z.]+)'");
    /** Keys the screens build from a value, with every value they can take. */
    private static final Set<String> BUILT = Set.of("inbox.tab.waiting", "inbox.tab.mine", "inbox.tab.open", "inbox.tab.closed",
            "inbox.live.connecting", "inbox.live.live", "inbox.live.reconnecting", "message.status.queued", "message.status.sending",
            "message.status.accepted", "message.status.sent", "message.status.delivered", "message.status.read",
            "message.status.failed", "message.status.suppressed", "message.from.contact", "message.from.bot", "message.from.flow",
            "message.from.agent", "message.from.system", "message.show.image", "message.show.audio", "message.show.video",
            "message.show.document", "message.show.sticker", "billing.done.title", "billing.done.body", "billing.canceled.title",
            "billing.canceled.body", "billing.portal.title", "billing.portal.body", "signin.notice.passwordChanged",
            "signin.notice.invitationAccepted", "shortcuts.next", "shortcuts.previous", "shortcuts.reply", "shortcuts.close",
            "shortcuts.search", "shortcuts.help", "journey.received", "knowledge.kind.all", "knowledge.kind.FAQ",
            "knowledge.kind.TEXT", "knowledge.kind.DOCUMENT", "team.state.ACTIVE", "team.state.INVITED", "team.state.DEACTIVATED",
            "role.ORG_ADMIN", "role.ORG_MANAGER", "role.ORG_AGENT", "nav.inbox", "nav.knowledge", "nav.team", "nav.automations", "nav.plan", "nav.reports", "nav.settings", "nav.staff");
    /**
     * The automation screens name triggers, options, steps, fields, templates and statuses by the engine's own words; the
     * plan screen plans, states and metrics by billing's.
     */
    private static final Set<String> AUTOMATION_KEYS = automationKeys();

    private static Set<String> automationKeys() {
        Set<String> keys = new TreeSet<>();
        List<String> triggers = List.of("message_received", "webhook", "scheduled", "conversation_closed", "contact_created",
                "payment_succeeded", "payment_failed", "subscription_changed");
        triggers.forEach(trigger -> keys.add("automations.trigger.explain." + trigger));
        Stream.of(triggers, List.of("any", "first_message", "keyword", "regex", "within", "outside", "equals", "not_equals",
                "contains", "gt", "lt", "exists", "POST", "GET", "PUT")).flatMap(List::stream)
                .forEach(option -> keys.add("automations.option." + option));
        Map<String, List<String>> fields = Map.of("send_whatsapp", List.of("text", "template.name", "template.language",
                "template.parameters"), "send_email", List.of("to", "subject", "body"), "call_webhook", List.of("url", "method", "body"),
                "ai_generate", List.of("question", "as"), "delay", List.of("minutes", "hours", "days"), "set_contact_field",
                List.of("field", "value"), "add_tag", List.of("tag"), "handoff_to_human", List.of("reason", "message"), "branch", List.of());
        fields.forEach((step, names) -> {
            keys.add("automations.step." + step);
            names.forEach(name -> keys.add("automations.field." + step + "." + name));
        });
        List.of("welcome_message", "after_hours_reply", "keyword_handoff", "appointment_reminder", "payment_reminder",
                "follow_up_after_visit", "satisfaction_survey", "payment_failed_email").forEach(template -> {
                    keys.add("automations.template." + template + ".name");
                    keys.add("automations.template." + template + ".description");
                });
        List.of("any", "READY", "RUNNING", "SUCCEEDED", "FAILED", "SKIPPED").forEach(status -> keys.add("automations.run." + status));
        List.of("DRAFT", "ACTIVE", "PAUSED").forEach(status -> keys.add("automations.status." + status));
        // The plan screen names plans, subscription states and metrics by billing's words.
        List.of("STARTER", "PROFESSIONAL", "ENTERPRISE").forEach(plan -> keys.add("plan.name." + plan));
        List.of("NONE", "ACTIVE", "TRIALING", "PAST_DUE", "CANCELED", "INCOMPLETE", "INCOMPLETE_EXPIRED", "UNPAID", "PAUSED")
                .forEach(status -> keys.add("plan.status." + status));
        List.of("messages", "answers", "runs", "automations", "knowledge", "seats").forEach(metric -> {
            keys.add("plan.metric." + metric);
            keys.add("plan.reached." + metric);
        });
        List.of("ACTIVE", "SUSPENDED", "DELETION_PENDING").forEach(status -> keys.add("staff.state." + status));
        List.of("suspend", "reactivate", "restore", "plan").forEach(done -> keys.add("staff.done." + done));
        // The settings screen names days and tones by tenant-service's words.
        List.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday").forEach(day -> keys.add("settings.day." + day));
        List.of("FRIENDLY", "FORMAL", "CASUAL").forEach(tone -> keys.add("settings.tone." + tone));
        List.of("displayPhoneNumber", "phoneNumberId", "wabaId", "accessToken").forEach(field -> keys.add("settings.numbers." + field));
        return keys;
    }

    private static Set<String> keys(String file) throws IOException {
        Set<String> keys = new TreeSet<>();
        new ObjectMapper().readTree(APP.resolve("i18n").resolve(file).toFile()).fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    @Test
    void portuguese_and_english_hold_the_same_keys() throws IOException {
        assertThat(keys("en.json")).containsExactlyElementsOf(keys("pt-BR.json"));
    }

    @Test
    void a_singular_form_sits_beside_its_plural_and_fills_the_same_placeholders() throws IOException {
        for (String file : List.of("pt-BR.json", "en.json")) {
            com.fasterxml.jackson.databind.JsonNode dictionary = new ObjectMapper().readTree(APP.resolve("i18n").resolve(file).toFile());
            Set<String> singulars = keys(file).stream().filter(key -> key.endsWith(".one")).collect(java.util.stream.Collectors.toSet());
            assertThat(singulars).as(file + "'s singular forms").isNotEmpty();
            for (String singular : singulars) {
                String plural = singular.substring(0, singular.length() - ".one".length());
                assertThat(dictionary.has(plural)).as(file + ": " + singular + " beside " + plural).isTrue();
                assertThat(placeholders(dictionary.get(singular).asText())).as(file + ": " + singular)
                        .isEqualTo(placeholders(dictionary.get(plural).asText()));
            }
        }
    }

    private static Set<String> placeholders(String text) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = Pattern.compile("\\{(\\w+)}").matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    @Test
    void every_key_a_screen_uses_is_in_both_dictionaries() throws IOException {
        Set<String> used = new TreeSet<>(BUILT);
        used.addAll(AUTOMATION_KEYS);
        try (Stream<Path> files = Files.walk(APP)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".svelte") || f.toString().endsWith(".js")).toList()) {
                Matcher matcher = LITERAL_KEY.matcher(Files.readString(file));
                while (matcher.find()) {
                    used.add(matcher.group(1));
                }
            }
        }
        assertThat(used).as("keys found in the screens (a sanity floor)").hasSizeGreaterThan(80);
        assertThat(keys("pt-BR.json")).containsAll(used);
        assertThat(keys("en.json")).containsAll(used);
    }
}
