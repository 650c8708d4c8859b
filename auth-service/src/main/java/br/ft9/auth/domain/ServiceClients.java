package br.ft9.auth.domain;

import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;

/**
 * The platform services allowed to ask for organisation-scoped tokens, by name, with their secrets
 * ({@code ft9.service-clients.<name>=<secret>}; an empty secret disables the client).
 */
@ConfigMapping(prefix = "ft9.service-clients")
public interface ServiceClients {

    @WithParentName
    Map<String, String> secrets();
}
