package id.atensi.beneficiary;

import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.MalformedInputContract;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "beneficiary"))
class MalformedInputTest extends MalformedInputContract {

    /** The SPDCI registry answers in the standard's envelope, and RegistryBadInputTest holds it to that. */
    @Override
    protected boolean answersWithProblems(String pathTemplate) {
        return !pathTemplate.startsWith("/registry/");
    }
}
