package br.ft9.flow.domain;

import br.ft9.flow.domain.definition.AutomationDefinition;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Automations' definitions compiled once per version: a saved version never changes, so the trigger path (every
 * contact's message) and the run engine (every step) share one compilation instead of parsing the JSON each time.
 */
@ApplicationScoped
public class CompiledDefinitions {

    private final Map<String, AutomationDefinition> compiled = new ConcurrentHashMap<>();
    private final ObjectMapper json;

    public CompiledDefinitions(ObjectMapper json) {
        this.json = json;
    }

    /** The version's definition if it was compiled already, else null. */
    public AutomationDefinition cached(UUID automationId, int version) {
        return compiled.get(automationId + ":" + version);
    }

    /** The version's definition, compiled from its JSON the first time; IllegalStateException when it does not compile. */
    public AutomationDefinition of(UUID automationId, int version, String definition) {
        return compiled.computeIfAbsent(automationId + ":" + version, key -> {
            try {
                return AutomationDefinition.compile(json.readTree(definition));
            } catch (Exception e) {
                throw new IllegalStateException("the stored definition of " + key + " does not compile", e);
            }
        });
    }
}
