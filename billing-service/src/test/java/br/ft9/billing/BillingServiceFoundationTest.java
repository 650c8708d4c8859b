package br.ft9.billing;

import br.ft9.common.testing.RealInfrastructure;
import br.ft9.common.testing.ServiceFoundationContract;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** billing-service against the real PostgreSQL, Kafka and Redis: its schema, health, metrics and OpenAPI. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class BillingServiceFoundationTest extends ServiceFoundationContract {

    @Override
    protected String schema() {
        return "billing";
    }
}
