package id.atensi.webhook;

import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.MalformedInputContract;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "webhook"))
class MalformedInputTest extends MalformedInputContract {
}
