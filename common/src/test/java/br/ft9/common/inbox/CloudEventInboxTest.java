package br.ft9.common.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reading event data: a consumer's record ignores fields a newer producer added, at every depth; broken JSON still fails. */
class CloudEventInboxTest {

    record Template(String name) {
    }

    record Command(String kind, Template template) {
    }

    // As the services configure it: strict for REST bodies.
    private static final ObjectMapper STRICT = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Test
    void fields_a_newer_producer_added_are_ignored_at_every_depth() {
        Command command = CloudEventInbox.data(STRICT, "{\"kind\":\"template\",\"priority\":2,"
                + "\"template\":{\"name\":\"welcome\",\"components\":[]}}", Command.class).await().indefinitely();
        assertThat(command).isEqualTo(new Command("template", new Template("welcome")));
    }

    @Test
    void unreadable_data_fails_naming_the_reading() {
        assertThatThrownBy(() -> CloudEventInbox.data(STRICT, "{\"kind\":", Command.class).await().indefinitely())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("unreadable Command data");
    }
}
