package br.ft9.common.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;

import org.junit.jupiter.api.Test;

/** Sealing access tokens: round trip, fresh IVs, and refusal of other keys and altered text. */
class SecretBoxTest {

    private static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    @Test
    void a_sealed_token_opens_with_the_same_key_and_never_looks_the_same_twice() {
        SecretBox box = new SecretBox(newKey());
        String first = box.encrypt("EAAG-token-123");
        String second = box.encrypt("EAAG-token-123");
        assertThat(first).startsWith("v1:").doesNotContain("EAAG").isNotEqualTo(second);
        assertThat(box.decrypt(first)).isEqualTo("EAAG-token-123");
    }

    @Test
    void another_key_or_an_altered_text_does_not_open_it() {
        String sealed = new SecretBox(newKey()).encrypt("EAAG-token-123");
        assertThatThrownBy(() -> new SecretBox(newKey()).decrypt(sealed)).isInstanceOf(IllegalArgumentException.class);
        SecretBox box = new SecretBox(newKey());
        String mine = box.encrypt("EAAG-token-123");
        String altered = mine.substring(0, mine.length() - 4) + (mine.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertThatThrownBy(() -> box.decrypt(altered)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void after_a_rotation_what_the_old_key_sealed_still_opens_and_once_sealed_again_opens_without_it() {
        String oldKey = newKey();
        String newKey = newKey();
        String sealedBefore = new SecretBox(oldKey).encrypt("EAAG-token-123");
        SecretBox rotated = new SecretBox(newKey, java.util.List.of(oldKey));
        assertThat(rotated.decrypt(sealedBefore)).isEqualTo("EAAG-token-123");
        assertThat(rotated.sealedWithCurrentKey(sealedBefore)).isFalse();

        String resealed = rotated.reseal(sealedBefore);
        assertThat(rotated.sealedWithCurrentKey(resealed)).isTrue();
        assertThat(rotated.reseal(resealed)).as("already current: unchanged").isEqualTo(resealed);
        assertThat(new SecretBox(newKey).decrypt(resealed)).as("the old key can now be dropped").isEqualTo("EAAG-token-123");
        assertThatThrownBy(() -> new SecretBox(oldKey).decrypt(rotated.encrypt("x"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SecretBox(newKey, java.util.List.of("short"))).hasMessageContaining("FT9_CHANNEL_TOKEN_PREVIOUS_KEYS");
    }

    @Test
    void a_missing_or_short_key_is_refused_at_start_naming_the_variable() {
        assertThatThrownBy(() -> new SecretBox("")).hasMessageContaining("FT9_CHANNEL_TOKEN_KEY");
        assertThatThrownBy(() -> new SecretBox(Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageContaining("32 bytes");
    }
}
