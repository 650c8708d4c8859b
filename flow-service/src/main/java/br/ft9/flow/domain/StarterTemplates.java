package br.ft9.flow.domain;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Automations to start from. Only those whose triggers the engine runs today are offered; the others of the
 * issue (follow-up after N days, payment and appointment reminders, satisfaction survey) wait for scheduled,
 * billing and conversation triggers.
 */
public final class StarterTemplates {

    /** A starting point: a key, what it does, and its definition. */
    public record Template(String key, String name, String description, boolean oncePerContact, JsonNode definition) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private StarterTemplates() {
    }

    public static List<Template> all() {
        return List.of(
                new Template("welcome_message", "Boas-vindas", "Greets a contact's first message and tags them as new.", true,
                        json("""
                                {"trigger": {"type": "message_received", "match": "first_message"},
                                 "steps": [
                                   {"type": "send_whatsapp", "text": "Olá, {{contact.name}}! Bem-vindo(a). Como podemos ajudar?",
                                    "fallbackTemplate": {"name": "welcome", "language": "pt_BR", "parameters": ["{{contact.name}}"]}},
                                   {"type": "add_tag", "tag": "novo-contato"}]}""")),
                new Template("after_hours_reply", "Resposta fora do horário", "Answers messages outside business hours.", false,
                        json("""
                                {"trigger": {"type": "message_received", "match": "any", "hours": "outside"},
                                 "steps": [
                                   {"type": "send_whatsapp", "text": "Recebemos sua mensagem fora do nosso horário de atendimento. Respondemos assim que abrirmos."}]}""")),
                new Template("keyword_handoff", "Falar com atendente", "Hands the conversation to a person when the contact asks for one.",
                        false, json("""
                                {"trigger": {"type": "message_received", "match": "keyword", "keywords": ["atendente", "humano", "pessoa"]},
                                 "steps": [
                                   {"type": "handoff_to_human", "reason": "the contact asked for a person",
                                    "message": "Certo, {{contact.name}}! Vou chamar alguém da equipe."}]}""")));
    }

    public static Template find(String key) {
        return all().stream().filter(t -> t.key().equals(key)).findFirst().orElse(null);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
