package id.atensi.beneficiary.service;

import jakarta.enterprise.context.RequestScoped;

/** The request id of the call being served, for the audit trail of unmasked reads (set by {@link RequestIdCapture}). */
@RequestScoped
public class RequestId {

    private String value;

    public String value() {
        return value;
    }

    void set(String value) {
        this.value = value;
    }
}
