package br.ft9.auth.domain;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.mutiny.Uni;

/** Failed sign-ins counted per account and per address, so guessing is slowed down and then blocked for a while. */
public interface AttemptLimits {

    Uni<Optional<Duration>> blockedFor(String email);

    Uni<Duration> slowdownFor(String address);

    Uni<Void> holdBack(String address);

    Uni<Void> recordFailure(String email, String address);

    Uni<Void> recordAddressFailure(String address);

    Uni<Void> clear(String email);
}
