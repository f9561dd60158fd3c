package id.atensi.partner.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.atensi.partner.domain.AgreementTerms;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/** Agreement terms kept with each addendum as JSON text. */
@ApplicationScoped
class TermsJson {

    private final ObjectMapper json;

    TermsJson(ObjectMapper json) {
        this.json = json;
    }

    String write(AgreementTerms terms) {
        try {
            return json.writeValueAsString(terms);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("agreement terms are plain values and always write as JSON", e);
        }
    }

    Optional<AgreementTerms> read(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(text, AgreementTerms.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored agreement terms are not readable: " + e.getOriginalMessage(), e);
        }
    }
}
