package br.ft9.flow.domain;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import br.ft9.common.errors.InvalidField;
import br.ft9.common.errors.NotFound;
import br.ft9.common.outbox.Outbox;
import br.ft9.flow.events.FlowEvents;
import io.smallrye.mutiny.Uni;

/**
 * A contact's fields and tags as automations keep them ({@code set_contact_field}, {@code add_tag}), read and changed
 * by the team from the contact panel; automations read the changed values in their next runs. Also the contact's part
 * of their export, and its erasure at their request.
 */
@ApplicationScoped
public class ContactData {

    private static final Logger LOG = Logger.getLogger(ContactData.class);

    /** Fields at most, per contact. */
    static final int FIELDS = 50;
    /** Tags at most, per contact. */
    static final int TAGS = 30;
    private static final Pattern FIELD = Pattern.compile("[a-z][a-z0-9_]{0,39}");

    /** What the team sees of a contact in automations: its fields (name to value) and tags. */
    public record Profile(String waId, String name, Map<String, String> fields, List<String> tags) {
    }

    /** Where contacts' automation data is kept. */
    public interface Store {
        Uni<Profile> find(UUID orgId, String waId);

        /** Replaces the fields and tags, creating the contact's row when automations never saw it. */
        Uni<Profile> save(UUID orgId, String waId, Map<String, String> fields, List<String> tags);

        /** The contact's automation runs, each with its facts and steps, oldest first. */
        Uni<JsonNode> runs(UUID orgId, String waId);

        /**
         * Deletes the contact's row and empties their runs' data (facts, steps' input and output, errors); a run still
         * waiting ends failed. Runs stay, anonymous, for counts. Repeating it changes nothing. In the caller's transaction.
         */
        Uni<Integer> erase(UUID orgId, String waId);
    }

    private final Store store;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final Clock clock;

    public ContactData(Store store, Outbox outbox, ObjectMapper json, Clock clock) {
        this.store = store;
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
    }

    /** flow-service's part of the contact's export: fields, tags and automation runs. */
    public Uni<JsonNode> export(UUID orgId, String waId) {
        if (waId == null || !waId.matches("\\d{8,15}")) {
            return Uni.createFrom().item(json.createObjectNode().putNull("profile").set("runs", json.createArrayNode()));
        }
        return store.find(orgId, waId).chain(profile -> store.runs(orgId, waId).map(runs -> {
            ObjectNode part = json.createObjectNode();
            part.set("profile", profile == null ? json.nullNode() : json.valueToTree(profile));
            part.set("runs", runs);
            return (JsonNode) part;
        }));
    }

    /** Erases what automations kept about the contact and confirms, inside the consumer's transaction. */
    public Uni<Void> erase(UUID erasureId, UUID orgId, UUID contactId, String waId) {
        Uni<Integer> runs = waId == null || waId.isBlank() ? Uni.createFrom().item(0) : store.erase(orgId, waId);
        return runs.chain(erased -> outbox.forgetPublished(orgId, contactId.toString(), waId)
                .invoke(events -> LOG.infof("contact %s of organisation %s erased in flow-service: %d runs, %d published events",
                        contactId, orgId, erased, events)))
                .chain(() -> outbox.append(FlowEvents.TOPIC, FlowEvents.CONTACT_ERASED, orgId, new FlowEvents.ContactErasedV1(erasureId,
                        orgId, contactId, "flow-service", OffsetDateTime.now(clock))))
                .replaceWithVoid();
    }

    public Uni<Profile> get(UUID orgId, String waId) {
        return store.find(orgId, checkedWaId(waId)).map(profile -> {
            if (profile == null) {
                throw new NotFound("no contact " + waId + " in the automations yet");
            }
            return profile;
        });
    }

    public Uni<Profile> change(UUID orgId, String waId, Map<String, String> fields, List<String> tags) {
        Map<String, String> tidyFields = new LinkedHashMap<>();
        (fields == null ? Map.<String, String>of() : fields).forEach((name, value) -> {
            if (name == null || !FIELD.matcher(name).matches()) {
                throw new InvalidField("fields", "a field's name is a lower-case name of up to 40 letters, digits or _ (" + name + ")");
            }
            if (value == null || value.length() > Limits.FIELD_VALUE) {
                throw new InvalidField("fields." + name, "a value is a text of up to " + Limits.FIELD_VALUE + " characters");
            }
            tidyFields.put(name, value);
        });
        if (tidyFields.size() > FIELDS) {
            throw new InvalidField("fields", "a contact has at most " + FIELDS + " fields");
        }
        LinkedHashSet<String> tidyTags = new LinkedHashSet<>();
        for (String tag : tags == null ? List.<String>of() : tags) {
            String trimmed = tag == null ? "" : tag.strip();
            if (trimmed.isEmpty() || trimmed.length() > Limits.TAG) {
                throw new InvalidField("tags", "a tag is 1 to " + Limits.TAG + " characters");
            }
            tidyTags.add(trimmed);
        }
        if (tidyTags.size() > TAGS) {
            throw new InvalidField("tags", "a contact has at most " + TAGS + " tags");
        }
        return store.save(orgId, checkedWaId(waId), tidyFields, new ArrayList<>(tidyTags));
    }

    private static String checkedWaId(String waId) {
        if (waId == null || !waId.matches("\\d{8,15}")) {
            throw new InvalidField("waId", "a WhatsApp id is 8 to 15 digits");
        }
        return waId;
    }
}
