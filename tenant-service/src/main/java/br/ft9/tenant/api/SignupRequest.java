package br.ft9.tenant.api;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Body of the public sign-up: the organisation and the email of its first admin. */
public record SignupRequest(
        @NotBlank @Size(max = 120) String name,
        @NotBlank @Size(max = 63) String slug,
        @Size(max = 64) String timeZone,
        @Size(max = 16) String locale,
        @NotBlank @Email @Size(max = 254) String adminEmail) {
}
