package br.ft9.gateway;

import br.ft9.common.testing.RealInfrastructure;
import br.ft9.common.testing.TestTokens;
import br.ft9.gateway.support.GraphApiStub;
import br.ft9.common.testing.ServiceFoundationContract;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** whatsapp-gateway against the real PostgreSQL, Kafka and Redis: its schema, health, metrics and OpenAPI. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(TestTokens.class)
@WithTestResource(GraphApiStub.class)
class GatewayServiceFoundationTest extends ServiceFoundationContract {

    @Override
    protected String schema() {
        return "gateway";
    }
}
