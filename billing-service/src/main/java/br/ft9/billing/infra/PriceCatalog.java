package br.ft9.billing.infra;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import br.ft9.billing.domain.Plan;

/** Each plan's Stripe price id (configuration: prices live in the operator's Stripe account). */
@ApplicationScoped
public class PriceCatalog {

    private final Map<Plan, String> prices = new EnumMap<>(Plan.class);

    public PriceCatalog(@ConfigProperty(name = "ft9.billing.stripe.price.starter") Optional<String> starter,
            @ConfigProperty(name = "ft9.billing.stripe.price.professional") Optional<String> professional,
            @ConfigProperty(name = "ft9.billing.stripe.price.enterprise") Optional<String> enterprise) {
        starter.filter(p -> !p.isBlank()).ifPresent(p -> prices.put(Plan.STARTER, p));
        professional.filter(p -> !p.isBlank()).ifPresent(p -> prices.put(Plan.PROFESSIONAL, p));
        enterprise.filter(p -> !p.isBlank()).ifPresent(p -> prices.put(Plan.ENTERPRISE, p));
    }

    public Optional<String> priceOf(Plan plan) {
        return Optional.ofNullable(prices.get(plan));
    }

    public Optional<Plan> planOf(String priceId) {
        return prices.entrySet().stream().filter(e -> e.getValue().equals(priceId)).map(Map.Entry::getKey).findFirst();
    }
}
