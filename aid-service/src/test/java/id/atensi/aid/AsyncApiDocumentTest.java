package id.atensi.aid;

import id.atensi.testing.AsyncApiContract;

/** The aid service's asyncapi.yaml describes exactly the event types it publishes, as they are serialised. */
class AsyncApiDocumentTest extends AsyncApiContract {
}
