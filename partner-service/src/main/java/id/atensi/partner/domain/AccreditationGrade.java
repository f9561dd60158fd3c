package id.atensi.partner.domain;

/** The accreditation an LKS holds from the national accreditation board. */
public enum AccreditationGrade {
    A,
    B,
    C
}
