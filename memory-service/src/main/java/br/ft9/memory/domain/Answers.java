package br.ft9.memory.domain;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import br.ft9.common.tenant.OpeningHours;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Answers a question from the organisation's knowledge, saying where the answer came from, or hands
 * the conversation to a person when nothing relevant is found. With a language model configured the
 * answer is written by it from the passages only (persona, tone and language of the organisation, the
 * last turns of the conversation); without one, or when it fails, the best passage's most relevant
 * sentences are the answer. No passage above the threshold means a hand-off, never a guess.
 */
@ApplicationScoped
public class Answers {

    private static final Logger LOG = Logger.getLogger(Answers.class);
    private static final Pattern CITATION = Pattern.compile("\\[(\\d+)]");
    static final String HANDOFF_WORD = "HANDOFF";

    /** An item an answer used. */
    public record Citation(UUID itemId, String title) {
    }

    /** A turn of the conversation: who spoke ("contact" or "assistant") and what. */
    public record Turn(String role, String text) {
    }

    /** The answer, or the hand-off message when {@code handoff}; {@code mode} extractive, llm or handoff. */
    public record Answer(String text, boolean handoff, String mode, List<Citation> citations, List<Retrieval.Found> passages) {
    }

    private final Retrieval retrieval;
    private final Writer llm;
    private final int topK;
    private final AnswerPolicy policy;
    private final Clock clock;

    public Answers(Retrieval retrieval, Writer llm,
            @ConfigProperty(name = "ft9.rag.top-k", defaultValue = "5") int topK,
            @ConfigProperty(name = "ft9.rag.min-confidence") java.util.Optional<Double> minConfidence, Clock clock) {
        this.retrieval = retrieval;
        this.llm = llm;
        this.clock = clock;
        this.topK = topK;
        this.policy = minConfidence.map(text -> AnswerPolicy.DEFAULT.withThresholds(text, AnswerPolicy.DEFAULT.minFaqConfidence()))
                .orElse(AnswerPolicy.DEFAULT);
    }

    public Uni<Answer> answer(UUID orgId, String question, List<Turn> recentTurns) {
        return Panache.withSession(() -> OrganizationProfile.<OrganizationProfile>findById(orgId))
                .chain(profile -> answer(profile, text -> retrieval.search(orgId, text, topK, KnowledgeIndex.Mode.HYBRID), question,
                        recentTurns));
    }

    /**
     * The same for an organisation whose profile (null when it has none yet) and knowledge generation the caller has
     * read already. The search runs after that read, never beside it: both read the database, and on one Vert.x context
     * they share its reactive session, which does not allow two queries at once ("Illegal pop()": the message went to
     * the DLQ).
     */
    public Uni<Answer> answer(OrganizationProfile organisation, UUID orgId, long knowledgeGeneration, String question,
            List<Turn> recentTurns) {
        return answer(organisation, text -> retrieval.search(orgId, knowledgeGeneration, text, topK, KnowledgeIndex.Mode.HYBRID),
                question, recentTurns);
    }

    private Uni<Answer> answer(OrganizationProfile organisation, Function<String, Uni<List<Retrieval.Found>>> searching,
            String question, List<Turn> recentTurns) {
        return search(searching, question, recentTurns).chain(found -> {
            List<Retrieval.Found> relevant = relevant(found);
            if (relevant.isEmpty()) {
                return Uni.createFrom().item(handoff(organisation, found, clock));
            }
            if (!llm.configured()) {
                return Uni.createFrom().item(extractive(question, relevant));
            }
            return written(organisation, question, recentTurns, relevant).onFailure().recoverWithItem(failure -> {
                LOG.warnf("the language model failed (%s); answering from the passages", failure.getMessage());
                return extractive(question, relevant);
            });
        });
    }

    /**
     * What the knowledge holds for the question. A short message after another of the patient's is a follow-up: one
     * that opens with "e" ("e no sábado?", "e quanto custa?") is read with the message before it first; any other is
     * read with it when it is not answered alone. The reading with context is kept only if it answers.
     */
    private Uni<List<Retrieval.Found>> search(Function<String, Uni<List<Retrieval.Found>>> searching, String question,
            List<Turn> recentTurns) {
        String previous = previousQuestion(question, recentTurns);
        Uni<List<Retrieval.Found>> alone = searching.apply(question);
        if (previous == null || Excerpts.words(question) > FOLLOW_UP_WORDS) {
            return alone;
        }
        String withPrevious = previous + "\n" + question;
        if (FOLLOW_UP.matcher(question).lookingAt()) {
            return searching.apply(withPrevious)
                    .chain(withContext -> relevant(withContext).isEmpty() ? alone : Uni.createFrom().item(withContext));
        }
        return alone.chain(found -> !relevant(found).isEmpty() ? Uni.createFrom().item(found)
                : searching.apply(withPrevious)
                        .map(withContext -> relevant(withContext).isEmpty() ? found : withContext));
    }

    /** How a follow-up opens: "e ...", "e aí ...", "mas e ...". */
    private static final Pattern FOLLOW_UP = Pattern.compile("\\s*(mas\\s+)?e\\b", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /** The longest a message is to be read as a follow-up of the one before. */
    static final int FOLLOW_UP_WORDS = 8;

    /** The patient's last message before this one, if any. */
    static String previousQuestion(String question, List<Turn> turns) {
        for (int i = turns.size() - 1; i >= 0; i--) {
            Turn turn = turns.get(i);
            if ("contact".equals(turn.role()) && !turn.text().strip().equals(question.strip())) {
                return turn.text();
            }
        }
        return null;
    }

    /** The passages to answer from: none when the best does not answer; else the best and those holding as much. */
    private List<Retrieval.Found> relevant(List<Retrieval.Found> found) {
        if (found.isEmpty() || !policy.decide(hits(found), found.get(0).part()).answers()) {
            return List.of();
        }
        return found.stream().filter(f -> f == found.get(0) || f.termCoverage() >= found.get(0).termCoverage()).toList();
    }

    private static List<KnowledgeIndex.Hit> hits(List<Retrieval.Found> found) {
        return found.stream().map(Retrieval.Found::hit).toList();
    }

    /** The best passage's sentences that answer the question (an FAQ's answer as it is), then its source. */
    static Answer extractive(String question, List<Retrieval.Found> relevant) {
        Retrieval.Found best = relevant.get(0);
        String text = best.excerpt();
        Citation source = new Citation(best.item().id(), best.item().title());
        return new Answer(text + "\n\nFonte: " + source.title(), false, "extractive", List.of(source), relevant);
    }

    private Uni<Answer> written(OrganizationProfile organisation, String question, List<Turn> turns,
            List<Retrieval.Found> relevant) {
        StringBuilder user = new StringBuilder("Passagens:\n");
        for (int i = 0; i < relevant.size(); i++) {
            user.append('[').append(i + 1).append("] (").append(relevant.get(i).item().title()).append(") ")
                    .append(relevant.get(i).hit().text()).append("\n");
        }
        if (!turns.isEmpty()) {
            user.append("\nConversa recente:\n");
            turns.forEach(t -> user.append(t.role()).append(": ").append(t.text()).append('\n'));
        }
        user.append("\nPergunta: ").append(question);
        return llm.complete(systemPrompt(organisation), user.toString()).map(reply -> {
            if (reply == null || reply.isBlank() || reply.strip().startsWith(HANDOFF_WORD)) {
                return handoff(organisation, relevant, clock);
            }
            Map<UUID, Citation> cited = new LinkedHashMap<>();
            Matcher m = CITATION.matcher(reply);
            while (m.find()) {
                int n = Integer.parseInt(m.group(1));
                if (n >= 1 && n <= relevant.size()) {
                    Retrieval.Source item = relevant.get(n - 1).item();
                    cited.putIfAbsent(item.id(), new Citation(item.id(), item.title()));
                }
            }
            if (cited.isEmpty()) {
                Retrieval.Source item = relevant.get(0).item();
                cited.put(item.id(), new Citation(item.id(), item.title()));
            }
            return new Answer(reply.strip(), false, "llm", List.copyOf(cited.values()), relevant);
        });
    }

    static String systemPrompt(OrganizationProfile organisation) {
        String name = organisation == null ? "a organização" : organisation.name;
        String persona = organisation == null || organisation.assistantPersona == null ? "o assistente virtual de " + name
                : organisation.assistantPersona;
        String tone = organisation == null || organisation.assistantTone == null ? "FRIENDLY" : organisation.assistantTone;
        String locale = organisation == null ? "pt-BR" : organisation.locale;
        return """
                Você é %s, e responde pelo WhatsApp a pacientes, alunos e familiares de %s.
                Tom: %s. Responda no idioma %s, em poucas frases.
                Use somente as passagens numeradas; cite cada passagem usada assim: [1].
                Nunca invente datas, valores, nomes ou regras que não estejam nas passagens.
                Se as passagens não respondem à pergunta, responda apenas: %s""".formatted(persona, name, tone, locale, HANDOFF_WORD);
    }

    /** The organisation's hand-off message; outside its business hours (at the clock's time) it also says when a person will answer. */
    static Answer handoff(OrganizationProfile organisation, List<Retrieval.Found> passages, Clock clock) {
        boolean english = organisation != null && organisation.locale != null && organisation.locale.startsWith("en");
        String message = organisation != null && organisation.handoffMessage != null && !organisation.handoffMessage.isBlank()
                ? organisation.handoffMessage
                : english ? "I'll pass your message to a person on our team." : "Vou passar sua mensagem para uma pessoa da nossa equipe.";
        if (organisation != null) {
            ZonedDateTime now = ZonedDateTime.now(clock.withZone(organisation.zone()));
            OpeningHours hours = OpeningHours.parse(organisation.businessHours);
            if (!hours.openAt(now)) {
                String base = message;
                message = hours.nextOpening(now).map(next -> base + " " + backAt(english, next)).orElse(base);
            }
        }
        return new Answer(message, true, "handoff", List.of(), passages);
    }

    static String backAt(boolean english, ZonedDateTime next) {
        Locale locale = english ? Locale.ENGLISH : Locale.forLanguageTag("pt-BR");
        String day = next.getDayOfWeek().getDisplayName(TextStyle.FULL, locale);
        String time = "%02d:%02d".formatted(next.getHour(), next.getMinute());
        return english ? "We are back on " + day + " at " + time + "." : "Nosso atendimento volta " + day + " às " + time + ".";
    }
}
