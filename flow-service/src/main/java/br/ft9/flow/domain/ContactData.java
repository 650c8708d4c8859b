package br.ft9.flow.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import br.ft9.common.errors.InvalidField;
import br.ft9.common.errors.NotFound;
import io.smallrye.mutiny.Uni;

/**
 * A contact's fields and tags as automations keep them ({@code set_contact_field}, {@code add_tag}), read and changed
 * by the team from the contact panel; automations read the changed values in their next runs.
 */
@ApplicationScoped
public class ContactData {

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
    }

    private final Store store;

    public ContactData(Store store) {
        this.store = store;
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
