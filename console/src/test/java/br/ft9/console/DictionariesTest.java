package br.ft9.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
            "role.ORG_ADMIN", "role.ORG_MANAGER", "role.ORG_AGENT", "nav.inbox", "nav.knowledge", "nav.team");

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
    void every_key_a_screen_uses_is_in_both_dictionaries() throws IOException {
        Set<String> used = new TreeSet<>(BUILT);
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
