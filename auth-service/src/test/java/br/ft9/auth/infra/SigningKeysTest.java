package br.ft9.auth.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The signing key's loading and the key set published for verifiers, rotation included. */
class SigningKeysTest {

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, String>> keys(SigningKeys signing) {
        return (List<Map<String, String>>) signing.jwks().get("keys");
    }

    @Test
    void after_a_rotation_the_previous_public_key_stays_published_beside_the_new_one() throws Exception {
        KeyPair current = rsa();
        KeyPair previous = rsa();
        String previousSpki = Base64.getEncoder().encodeToString(previous.getPublic().getEncoded());

        SigningKeys signing = new SigningKeys(Optional.of(Base64.getEncoder().encodeToString(current.getPrivate().getEncoded())),
                Optional.empty(), "2026-11", Optional.of(List.of("2026-10=" + previousSpki)));

        assertThat(keys(signing)).extracting(k -> k.get("kid")).containsExactly("2026-11", "2026-10");
        assertThat(keys(signing)).allSatisfy(k -> assertThat(k).containsEntry("kty", "RSA").containsEntry("alg", "RS256"));
        assertThat(signing.keyId()).isEqualTo("2026-11");
    }

    @Test
    void a_pem_key_is_read_as_well_as_bare_base64() throws Exception {
        String body = Base64.getMimeEncoder().encodeToString(rsa().getPrivate().getEncoded());
        String pem = "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
        assertThat(keys(new SigningKeys(Optional.of(pem), Optional.empty(), "k", Optional.empty()))).hasSize(1);
    }

    @Test
    void without_a_key_the_service_refuses_to_start_saying_what_to_set() {
        assertThatThrownBy(() -> new SigningKeys(Optional.empty(), Optional.empty(), "k", Optional.empty()))
                .hasMessageContaining("FT9_JWT_PRIVATE_KEY");
    }
}
