package id.atensi.beneficiary.domain;

/** Where a person stands in the case workflow. */
public enum BeneficiaryStatus {
    REGISTERED,
    ASSESSED,
    ACTIVE,
    GRADUATED,
    TERMINATED
}
