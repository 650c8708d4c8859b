package br.ft9.tenant.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import br.ft9.common.errors.InvalidField;

/** The rules an organisation's settings obey, without Quarkus. */
class OrganizationRulesTest {

    @Test
    void defaults_are_sao_paulo_time_and_brazilian_portuguese() {
        NewOrganization org = OrganizationRules.check("  Clínica Sorriso ", "clinica-sorriso", null, "");
        assertThat(org).isEqualTo(new NewOrganization("Clínica Sorriso", "clinica-sorriso", "America/Sao_Paulo", "pt-BR"));
    }

    @Test
    void fixed_offsets_and_unknown_zones_are_not_time_zones() {
        for (String zone : new String[] {"UTC+3", "-03:00", "Mars/Olympus", "GMT"}) {
            assertThatThrownBy(() -> OrganizationRules.check("A", "a", zone, null))
                    .isInstanceOf(InvalidField.class).extracting("field").isEqualTo("timeZone");
        }
    }

    @Test
    void slugs_are_lowercase_words_joined_by_inner_hyphens() {
        assertThat(OrganizationRules.check("A", "escola-aurora-2", null, null).slug()).isEqualTo("escola-aurora-2");
        for (String slug : new String[] {"Escola", "-escola", "escola-", "esc ola", "", "a".repeat(64)}) {
            assertThatThrownBy(() -> OrganizationRules.check("A", slug, null, null))
                    .isInstanceOf(InvalidField.class).extracting("field").isEqualTo("slug");
        }
    }

    @Test
    void only_supported_locales_are_accepted() {
        assertThat(OrganizationRules.check("A", "a", null, "es-ES").locale()).isEqualTo("es-ES");
        assertThatThrownBy(() -> OrganizationRules.check("A", "a", null, "klingon"))
                .isInstanceOf(InvalidField.class).extracting("field").isEqualTo("locale");
    }
}
