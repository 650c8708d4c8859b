package br.ft9.common.security;

import java.util.Optional;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Makes the {@link SecretBox} of {@code ft9.channel-token-key} for the services that seal or open tokens. */
public class SecretBoxProducer {

    @Produces
    @Singleton
    SecretBox secretBox(@ConfigProperty(name = "ft9.channel-token-key") Optional<String> key,
            @ConfigProperty(name = "ft9.channel-token-previous-keys") Optional<java.util.List<String>> previousKeys) {
        return new SecretBox(key.orElse(null), previousKeys.orElse(java.util.List.of()));
    }
}
