package id.atensi.webhook.service;

import id.atensi.commons.rest.ProblemCode;
import id.atensi.commons.rest.ProblemException;
import id.atensi.commons.security.Caller;
import id.atensi.webhook.domain.Endpoint;
import id.atensi.webhook.events.KnownPartner;
import jakarta.enterprise.context.RequestScoped;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Who reaches which endpoint. An admin reaches every partner's; a partner (claim {@code partner_id}) only its own.
 * An endpoint out of reach is not found (404), as is a partner the caller may not act for; the roles that may not
 * manage webhooks at all are refused by the resources (403).
 */
@RequestScoped
public class WebhookAccess {

    private final Caller caller;

    WebhookAccess(Caller caller) {
        this.caller = caller;
    }

    /** The partner an endpoint is registered for: the caller's own, or for an admin the one named (known to the platform). */
    public UUID partnerToRegisterFor(UUID named) {
        Optional<UUID> own = caller.ownPartner();
        if (own.isPresent()) {
            if (named != null && !named.equals(own.get())) {
                throw ProblemException.notFound("partner", named);
            }
            return known(own.get());
        }
        if (named == null) {
            throw ProblemException.invalidField("partnerId", "must name the partner the endpoint is for");
        }
        return known(named);
    }

    /** The partner a list is limited to: the caller's own, or for an admin the filter given (if any). */
    public Optional<UUID> partnerFilter(UUID requested) {
        Optional<UUID> own = caller.ownPartner();
        if (own.isPresent()) {
            return own;
        }
        return Optional.ofNullable(requested);
    }

    public Endpoint reachable(UUID endpointId) {
        Endpoint endpoint = Endpoint.findById(endpointId);
        Optional<UUID> own = caller.ownPartner();
        if (endpoint == null || own.isPresent() && !own.get().equals(endpoint.partnerId)) {
            throw ProblemException.notFound("endpoint", endpointId);
        }
        return endpoint;
    }

    private static UUID known(UUID partnerId) {
        KnownPartner partner = KnownPartner.findById(partnerId);
        if (partner == null) {
            throw new ProblemException(ProblemCode.UNPROCESSABLE, "the platform does not know partner " + partnerId
                    + " (yet): a partner just registered is known within a second", java.util.List.of(),
                    Map.of("unknownPartnerIds", java.util.List.of(partnerId.toString())));
        }
        if (!partner.active()) {
            throw new ProblemException(ProblemCode.UNPROCESSABLE, "partner " + partnerId + " is " + partner.status
                    + ": it cannot register endpoints", java.util.List.of(), Map.of("rule", "inactive-partner"));
        }
        return partnerId;
    }
}
