package id.atensi.partner.domain;

/** A memorandum of understanding, or a cooperation agreement (Perjanjian Kerja Sama) that carries it out. */
public enum AgreementKind {
    MOU,
    PKS
}
