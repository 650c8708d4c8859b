package br.ft9.common.errors;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Problem details speak of the request, never of the classes that read it. */
class ProblemWordsTest {

    @Test
    void class_names_configuration_hints_and_parser_objects_are_taken_out_of_a_parsers_message() {
        String words = ProblemMappers.inRequestWords("Cannot coerce empty String (\"\") to `br.ft9.common.tenant.Role` value (but could"
                + " if coercion was enabled using `CoercionConfig`)\n at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION`"
                + " disabled); line: 1, column: 9]");
        assertThat(words).doesNotContain("br.ft9").doesNotContain("CoercionConfig").doesNotContain("Source").startsWith("Cannot coerce");
        assertThat(ProblemMappers.inRequestWords("Unexpected character ('}' (code 125)): was expecting double-quote to start field name"
                + " (for com.fasterxml.jackson.core.json.UTF8StreamJsonParser)")).isEqualTo(
                        "Unexpected character ('}' (code 125)): was expecting double-quote to start field name");
        assertThat(ProblemMappers.inRequestWords("Document nesting depth (1001) exceeds the maximum allowed (1000, from"
                + " `StreamReadConstraints.getMaxNestingDepth()`)")).doesNotContain("StreamReadConstraints").contains("1001");
    }
}
