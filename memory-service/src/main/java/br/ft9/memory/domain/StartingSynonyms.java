package br.ft9.memory.domain;

import java.util.List;
import java.util.Map;

/**
 * The synonyms an organisation starts with, by kind of business, until it edits its own: the words patients and
 * parents use for what the clinic or school writes differently.
 */
public final class StartingSynonyms {

    /** Kinds of business with a starting list of their own. */
    public enum Kind {
        DENTAL, MEDICAL, SCHOOL
    }

    private static final List<List<String>> ANY = List.of(
            List.of("preço", "valor", "quanto custa", "custo"),
            List.of("abrem", "abre", "aberto", "funcionam", "que horas", "horário de atendimento", "horário de funcionamento"),
            List.of("marcar", "agendar", "agendamento", "marcação"),
            List.of("desmarcar", "cancelar", "remarcar"),
            List.of("endereço", "onde fica", "localização"),
            List.of("pagamento", "pagar", "cartão", "pix", "parcelar", "parcela"),
            List.of("estacionamento", "estacionar", "vaga de carro"),
            List.of("nota fiscal", "recibo", "reembolso"),
            List.of("telefone", "celular", "contato", "ligar"));

    private static final Map<Kind, List<List<String>>> BY_KIND = Map.of(
            Kind.DENTAL, List.of(
                    List.of("raio x", "radiografia", "rx", "panorâmica"),
                    List.of("tártaro", "limpeza", "profilaxia"),
                    List.of("obturação", "restauração"),
                    List.of("canal", "endodontia"),
                    List.of("siso", "dente do juízo", "terceiro molar"),
                    List.of("aparelho", "ortodontia", "ortodôntico"),
                    List.of("dentista", "doutor", "doutora"),
                    List.of("convênio", "plano", "plano de saúde", "plano odontológico"),
                    List.of("criança", "filho", "filha", "infantil", "odontopediatra"),
                    List.of("grávida", "gestante", "gravidez", "gestação"),
                    List.of("urgência", "emergência", "dor de dente"),
                    List.of("arrancar", "extrair", "extração"),
                    List.of("branquear", "clareamento", "clarear"),
                    List.of("anestesia", "sedação", "medo")),
            Kind.MEDICAL, List.of(
                    List.of("médico", "médica", "doutor", "doutora"),
                    List.of("convênio", "plano", "plano de saúde"),
                    List.of("exame de sangue", "hemograma", "coleta"),
                    List.of("receita", "prescrição"),
                    List.of("atestado", "declaração de comparecimento"),
                    List.of("criança", "filho", "filha", "pediatra"),
                    List.of("grávida", "gestante", "gravidez", "pré-natal"),
                    List.of("urgência", "emergência", "pronto atendimento")),
            Kind.SCHOOL, List.of(
                    List.of("matrícula", "inscrição", "rematrícula"),
                    List.of("mensalidade", "valor", "preço", "anuidade"),
                    List.of("uniforme", "farda"),
                    List.of("boletim", "notas", "avaliação"),
                    List.of("professor", "professora", "prof"),
                    List.of("férias", "recesso"),
                    List.of("filho", "filha", "aluno", "aluna", "criança")));

    private StartingSynonyms() {
    }

    /** The starting list for a kind of business: what every organisation shares, then its kind's own words. */
    public static Synonyms of(Kind kind) {
        List<List<String>> groups = new java.util.ArrayList<>(ANY);
        groups.addAll(BY_KIND.get(kind));
        return new Synonyms(groups);
    }

    /** What an organisation that never edited its synonyms uses: the words every kind of business shares. */
    public static Synonyms byDefault() {
        return new Synonyms(ANY);
    }
}
