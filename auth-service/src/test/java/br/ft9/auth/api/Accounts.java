package br.ft9.auth.api;

import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.arc.Arc;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Test accounts written straight into auth-service's schema, and a look inside issued tokens. */
final class Accounts {

    static final String PASSWORD = "correct horse battery staple";

    private Accounts() {
    }

    static String uniqueEmail() {
        return "user-" + UUID.randomUUID().toString().substring(0, 8) + "@clinica.example";
    }

    static UUID create(UUID orgId, String email, String role, String status) {
        UUID id = UUID.randomUUID();
        pool().preparedQuery("insert into user_account (id, org_id, email, password_hash, role, status, created_at, updated_at)"
                + " values ($1, $2, $3, $4, $5, $6, $7, $7)")
                .execute(Tuple.from(new Object[] {id, orgId, email, BcryptUtil.bcryptHash(PASSWORD, 10), role, status,
                        OffsetDateTime.now()}))
                .await().indefinitely();
        return id;
    }

    /** An organisation auth-service knows tenant-service opened, as its created event would record it. */
    static UUID openOrganization(UUID orgId) {
        pool().preparedQuery("insert into known_organization (org_id, opened_at) values ($1, now()) on conflict do nothing")
                .execute(Tuple.of(orgId)).await().indefinitely();
        return orgId;
    }

    static void suspend(UUID orgId) {
        pool().preparedQuery("insert into suspended_organization (org_id, suspended_at) values ($1, now())")
                .execute(Tuple.of(orgId)).await().indefinitely();
    }

    static Pool pool() {
        return Arc.container().instance(Pool.class).get();
    }

    /** The decoded header (index 0) or claims (index 1) of a JWT. */
    static Map<String, Object> part(String jwt, int index) {
        try {
            byte[] json = Base64.getUrlDecoder().decode(jwt.split("\\.")[index]);
            return new ObjectMapper().readValue(json, new TypeReference<>() {
            });
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
