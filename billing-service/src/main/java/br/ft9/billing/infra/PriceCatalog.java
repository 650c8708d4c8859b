package br.ft9.billing.infra;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;


import br.ft9.billing.domain.BillingSettings;
import br.ft9.billing.domain.Plan;
import br.ft9.billing.domain.Prices;

/** Each plan's Stripe price id (configuration: prices live in the operator's Stripe account). */
@ApplicationScoped
public class PriceCatalog implements Prices {

    private final Map<Plan, String> prices = new EnumMap<>(Plan.class);

    public PriceCatalog(BillingSettings settings) {
        BillingSettings.Price price = settings.stripe().price();
        put(Plan.STARTER, price.starter());
        put(Plan.PROFESSIONAL, price.professional());
        put(Plan.ENTERPRISE, price.enterprise());
    }

    private void put(Plan plan, Optional<String> price) {
        price.filter(p -> !p.isBlank()).ifPresent(p -> prices.put(plan, p));
    }

    @Override
    public Optional<String> priceOf(Plan plan) {
        return Optional.ofNullable(prices.get(plan));
    }

    @Override
    public Optional<Plan> planOf(String priceId) {
        return prices.entrySet().stream().filter(e -> e.getValue().equals(priceId)).map(Map.Entry::getKey).findFirst();
    }
}
