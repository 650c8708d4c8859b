package br.ft9.memory;

import br.ft9.common.testing.RealInfrastructure;
import br.ft9.common.testing.ServiceFoundationContract;
import br.ft9.common.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** memory-service against the real PostgreSQL, Kafka and Redis: its schema, health, metrics and OpenAPI. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(TestTokens.class)
class MemoryServiceFoundationTest extends ServiceFoundationContract {

    @Override
    protected String schema() {
        return "memory";
    }
}
