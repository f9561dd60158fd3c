package id.atensi.beneficiary;

import id.atensi.testing.AsyncApiContract;

/** The beneficiary service's asyncapi.yaml describes exactly the event types it publishes, as they are serialised. */
class AsyncApiDocumentTest extends AsyncApiContract {
}
