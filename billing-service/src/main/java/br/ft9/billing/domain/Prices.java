package br.ft9.billing.domain;

import java.util.Optional;

/** Which provider price each plan is sold at, and back. */
public interface Prices {

    Optional<String> priceOf(Plan plan);

    Optional<Plan> planOf(String priceId);
}
