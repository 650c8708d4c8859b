package br.ft9.flow;

import br.ft9.common.testing.RealInfrastructure;
import br.ft9.common.testing.ServiceFoundationContract;
import br.ft9.common.testing.TestTokens;
import br.ft9.flow.support.ThirdPartyStubs;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** flow-service against the real PostgreSQL, Kafka and Redis: its schema, health, metrics and OpenAPI. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(TestTokens.class)
@WithTestResource(ThirdPartyStubs.class)
class FlowServiceFoundationTest extends ServiceFoundationContract {

    @Override
    protected String schema() {
        return "flow";
    }
}
