package id.atensi.partner;

import id.atensi.testing.AsyncApiContract;

/** The partner service's asyncapi.yaml describes exactly the event types it publishes, as they are serialised. */
class AsyncApiDocumentTest extends AsyncApiContract {
}
