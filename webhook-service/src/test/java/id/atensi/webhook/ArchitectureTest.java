package id.atensi.webhook;

import id.atensi.testing.ArchitectureContract;

class ArchitectureTest extends ArchitectureContract {

    @Override
    protected String basePackage() {
        return "id.atensi.webhook";
    }
}
