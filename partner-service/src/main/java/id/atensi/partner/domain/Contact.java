package id.atensi.partner.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** A person to reach at a partner. Personal data: it stays in this service and never goes into an event. */
@Embeddable
public class Contact {

    @Column(nullable = false)
    public String name;

    public String role;

    public String email;

    public String phone;

    public Contact() {
    }

    public Contact(String name, String role, String email, String phone) {
        this.name = name;
        this.role = role;
        this.email = email;
        this.phone = phone;
    }
}
