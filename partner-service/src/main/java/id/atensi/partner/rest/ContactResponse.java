package id.atensi.partner.rest;

import id.atensi.partner.domain.Contact;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A contact as answered: its own schema, since a masked phone or e-mail does not pass the request's format rules. */
@Schema(name = "Contact", description = "A person to reach at the partner; name, e-mail and phone masked for the viewer role")
public record ContactResponse(
        @Schema(examples = "Rina Marlina") String name,
        @Schema(examples = "Program manager") String role,
        @Schema(examples = "rina@kumala.or.id") String email,
        @Schema(examples = "+62 21 555 0101") String phone) {

    static ContactResponse of(Contact contact, boolean showPersonalData) {
        return showPersonalData
                ? new ContactResponse(contact.name, contact.role, contact.email, contact.phone)
                : new ContactResponse(Masking.name(contact.name), contact.role, Masking.email(contact.email), Masking.phone(contact.phone));
    }
}
