package id.atensi.webhook;

import id.atensi.testing.AsyncApiContract;

/** The webhook service's asyncapi.yaml describes exactly the event types it publishes, as they are serialised. */
class AsyncApiDocumentTest extends AsyncApiContract {
}
