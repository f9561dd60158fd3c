package id.atensi.partner.rest;

import id.atensi.partner.domain.Contact;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ContactRequest", description = "A person to reach at the partner; never published in events")
public record ContactRequest(
        @NotBlank @Size(max = 200) @Schema(examples = "Rina Marlina") String name,
        @Size(max = 100) @Schema(examples = "Program manager") String role,
        @Email @Size(max = 200) @Schema(examples = "rina@kumala.or.id") String email,
        @Pattern(regexp = "\\+?[0-9 ()-]{6,20}", message = "must be a phone number of 6 to 20 digits, spaces, dashes or brackets")
        @Schema(examples = "+62 21 555 0101") String phone) {

    Contact toContact() {
        return new Contact(name.strip(), role, email, phone);
    }

    static ContactRequest of(Contact contact) {
        return new ContactRequest(contact.name, contact.role, contact.email, contact.phone);
    }
}
