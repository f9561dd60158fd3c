package id.atensi.training.domain;

/**
 * Who a class admits. Beneficiaries, residents and graduated KPM families are registered people, so
 * they enrol by beneficiary id; companions and partner staff are named with their organisation.
 */
public enum Audience {
    BENEFICIARY(true),
    RESIDENT(true),
    GRADUATED_KPM_FAMILY(true),
    SOCIAL_COMPANION(false),
    PARTNER_STAFF(false);

    private final boolean registeredBeneficiary;

    Audience(boolean registeredBeneficiary) {
        this.registeredBeneficiary = registeredBeneficiary;
    }

    public boolean isRegisteredBeneficiary() {
        return registeredBeneficiary;
    }
}
