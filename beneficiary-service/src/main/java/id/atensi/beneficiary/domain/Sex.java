package id.atensi.beneficiary.domain;

public enum Sex {
    MALE,
    FEMALE
}
