package br.ft9.billing.infra;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import br.ft9.billing.domain.AccountStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** billing_account's address by upsert (a webhook may open the account at the same moment), erasure table by table. */
@ApplicationScoped
public class SqlAccountStore implements AccountStore {

    @Override
    public Uni<Void> billTo(UUID orgId, String email) {
        return Panache.getSession().chain(s -> s.createNativeQuery("insert into billing_account (org_id, billing_email, updated_at)"
                + " values (:org, :email, now()) on conflict (org_id) do update set billing_email = excluded.billing_email,"
                + " updated_at = now()").setParameter("org", orgId).setParameter("email", email).executeUpdate()).replaceWithVoid();
    }

    @Override
    public Uni<Void> linkCustomer(UUID orgId, String customerId, String email) {
        return Panache.getSession().chain(s -> s.createNativeQuery("insert into billing_account (org_id, stripe_customer_id, billing_email,"
                + " updated_at) values (:org, :customer, :email, now()) on conflict (org_id) do update set stripe_customer_id ="
                + " coalesce(billing_account.stripe_customer_id, excluded.stripe_customer_id), billing_email ="
                + " coalesce(excluded.billing_email, billing_account.billing_email), updated_at = now()")
                .setParameter("org", orgId).setParameter("customer", customerId).setParameter("email", email).executeUpdate())
                .replaceWithVoid();
    }

    @Override
    public Uni<Void> erase(UUID orgId) {
        return Panache.getSession().chain(s -> s.createNativeQuery("delete from usage_counter where org_id = :org")
                .setParameter("org", orgId).executeUpdate()
                .chain(() -> s.createNativeQuery("delete from quota_notice where org_id = :org").setParameter("org", orgId).executeUpdate())
                .chain(() -> s.createNativeQuery("delete from invoice where org_id = :org").setParameter("org", orgId).executeUpdate())
                .chain(() -> s.createNativeQuery("delete from billing_account where org_id = :org").setParameter("org", orgId)
                        .executeUpdate()))
                .replaceWithVoid();
    }
}
