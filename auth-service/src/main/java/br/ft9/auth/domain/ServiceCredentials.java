package br.ft9.auth.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import br.ft9.common.errors.NotFound;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * Client credentials of the platform's own services: a service that knows its secret gets a short-lived token for
 * one organisation that exists, never for a suspended one. Users can never hold the SERVICE role.
 */
@ApplicationScoped
public class ServiceCredentials {

    private final ServiceClients clients;
    private final AccessTokens issuer;
    private final AttemptLimits attempts;

    public ServiceCredentials(ServiceClients clients, AccessTokens issuer, AttemptLimits attempts) {
        this.clients = clients;
        this.issuer = issuer;
        this.attempts = attempts;
    }

    /**
     * A token for the organisation when the client's secret is right; a caller that guessed wrong before is slowed
     * down like a sign-in from an address with many failures.
     */
    @WithSession
    public Uni<AccessTokens.AccessToken> tokenFor(String clientId, String clientSecret, UUID orgId, String address) {
        return attempts.holdBack(SERVICE_ADDRESS + address)
                .chain(() -> check(clientId, clientSecret, orgId)
                        .onFailure(SignInRefused.class).call(() -> attempts.recordAddressFailure(SERVICE_ADDRESS + address)));
    }

    private static final String SERVICE_ADDRESS = "service-token:";

    private Uni<AccessTokens.AccessToken> check(String clientId, String clientSecret, UUID orgId) {
        String expected = clients.secrets().get(clientId);
        // Compared in constant time; an unknown client is compared against itself so it takes as long.
        boolean known = expected != null && !expected.isBlank();
        byte[] given = clientSecret.getBytes(StandardCharsets.UTF_8);
        boolean matches = MessageDigest.isEqual(known ? expected.getBytes(StandardCharsets.UTF_8) : given, given) && known;
        if (!matches) {
            return Uni.createFrom().failure(new SignInRefused("invalid client credentials"));
        }
        return KnownOrganization.findById(orgId).chain(organisation -> organisation == null
                ? Uni.createFrom().failure(new NotFound("no organisation has the id given in orgId"))
                : SuspendedOrganization.findById(orgId).map(suspended -> {
                    if (suspended != null) {
                        throw new OrganizationSuspended();
                    }
                    return issuer.serviceToken(clientId, orgId);
                }));
    }
}
