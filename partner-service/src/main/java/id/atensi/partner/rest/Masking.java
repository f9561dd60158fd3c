package id.atensi.partner.rest;

/** Masks for personal data shown to roles without the right to see it: enough to tell entries apart, not to use them. */
final class Masking {

    private Masking() {
    }

    static String email(String email) {
        if (email == null) {
            return null;
        }
        int at = email.indexOf('@');
        return at <= 0 ? "***" : email.charAt(0) + "***" + email.substring(at);
    }

    static String phone(String phone) {
        if (phone == null) {
            return null;
        }
        return phone.length() <= 4 ? "****" : "****" + phone.substring(phone.length() - 4);
    }

    static String name(String name) {
        return name == null || name.isEmpty() ? name : name.charAt(0) + "***";
    }
}
