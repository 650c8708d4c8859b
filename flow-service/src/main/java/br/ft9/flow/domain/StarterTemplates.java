package br.ft9.flow.domain;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Automations to start from: welcome, after-hours reply, hand-off on request, appointment and payment reminders and a
 * follow-up days after a visit (called by the organisation's own system through the automation's webhook), a
 * satisfaction survey when a conversation is closed, and an e-mail when a payment fails.
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
                new Template("after_hours_reply", "Resposta fora do horário", "Answers a contact's first message outside "
                        + "business hours, at most once every 12 hours per contact.", false,
                        json("""
                                {"trigger": {"type": "message_received", "match": "any", "hours": "outside"},
                                 "cooldown": "PT12H",
                                 "steps": [
                                   {"type": "send_whatsapp", "text": "Recebemos sua mensagem fora do nosso horário de atendimento. Respondemos assim que abrirmos."}]}""")),
                new Template("keyword_handoff", "Falar com atendente", "Hands the conversation to a person when the contact asks for one.",
                        false, json("""
                                {"trigger": {"type": "message_received", "match": "keyword", "keywords": ["atendente", "humano", "pessoa"]},
                                 "steps": [
                                   {"type": "handoff_to_human", "reason": "o contato pediu para falar com uma pessoa",
                                    "message": "Certo, {{contact.name}}! Vou chamar alguém da equipe."}]}""")),
                new Template("appointment_reminder", "Lembrete de consulta", "Your scheduling system calls the webhook with "
                        + "waId, name, date and time; the contact gets the approved reminder template.", false, json("""
                                {"trigger": {"type": "webhook"},
                                 "steps": [
                                   {"type": "send_whatsapp", "template": {"name": "appointment_reminder", "language": "pt_BR",
                                    "parameters": ["{{contact.name}}", "{{trigger.date}}", "{{trigger.time}}"]}}]}""")),
                new Template("payment_reminder", "Lembrete de pagamento", "Your finance system calls the webhook with waId, "
                        + "name, amount and dueDate; the contact gets the approved payment reminder template.", false, json("""
                                {"trigger": {"type": "webhook"},
                                 "steps": [
                                   {"type": "send_whatsapp", "template": {"name": "payment_reminder", "language": "pt_BR",
                                    "parameters": ["{{contact.name}}", "{{trigger.amount}}", "{{trigger.dueDate}}"]}}]}""")),
                new Template("follow_up_after_visit", "Retorno após a visita", "Your system calls the webhook after a visit; "
                        + "three days later the contact is asked how they are (the template when the 24-hour window has closed).",
                        false, json("""
                                {"trigger": {"type": "webhook"},
                                 "steps": [
                                   {"type": "delay", "days": 3},
                                   {"type": "send_whatsapp", "text": "Olá, {{contact.name}}! Como você está depois da visita?",
                                    "fallbackTemplate": {"name": "follow_up", "language": "pt_BR", "parameters": ["{{contact.name}}"]}}]}""")),
                new Template("satisfaction_survey", "Pesquisa de satisfação", "When a person closes a conversation, asks the "
                        + "contact to rate the service.", false, json("""
                                {"trigger": {"type": "conversation_closed"},
                                 "steps": [
                                   {"type": "send_whatsapp", "text": "{{contact.name}}, de 1 a 5, como foi seu atendimento hoje?",
                                    "fallbackTemplate": {"name": "satisfaction_survey", "language": "pt_BR", "parameters": ["{{contact.name}}"]}},
                                   {"type": "add_tag", "tag": "pesquisa-enviada"}]}""")),
                new Template("payment_failed_email", "Aviso de pagamento recusado", "When billing reports a failed payment, "
                        + "e-mails the address in the event.", false, json("""
                                {"trigger": {"type": "payment_failed"},
                                 "steps": [
                                   {"type": "send_email", "to": "{{trigger.email}}", "subject": "Pagamento não aprovado",
                                    "body": "O pagamento de {{trigger.amount}} {{trigger.currency}} não foi aprovado. Atualize a forma de pagamento."}]}""")));
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
