package id.atensi.training;

import id.atensi.testing.AsyncApiContract;

/** The training service's asyncapi.yaml describes exactly the event types it publishes, as they are serialised. */
class AsyncApiDocumentTest extends AsyncApiContract {
}
