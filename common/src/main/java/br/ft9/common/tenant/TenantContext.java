package br.ft9.common.tenant;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.ForbiddenException;

import org.eclipse.microprofile.jwt.JsonWebToken;

/** The organisation and role of the caller, taken from the verified access token and nowhere else. */
@RequestScoped
public class TenantContext {

    public static final String ORG_CLAIM = "org_id";

    private final JsonWebToken token;

    public TenantContext(JsonWebToken token) {
        this.token = token;
    }

    /** The caller's organisation; a token without one (platform staff) may not touch tenant data. */
    public UUID orgId() {
        return optionalOrgId().orElseThrow(() -> new ForbiddenException("The token names no organisation"));
    }

    public Optional<UUID> optionalOrgId() {
        Object claim = token.getClaim(ORG_CLAIM);
        if (claim == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(claim.toString().replace("\"", "")));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public UUID userId() {
        return UUID.fromString(token.getSubject());
    }

    public boolean hasRole(Role role) {
        return token.getGroups() != null && token.getGroups().contains(role.name());
    }
}
