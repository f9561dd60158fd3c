package id.atensi.training.domain;

/** What a programme or class teaches, as named in the ATENSI vocational and entrepreneurship services. */
public enum SkillArea {
    AUTOMOTIVE,
    AGRICULTURE,
    WASTE_MANAGEMENT,
    CRAFTS,
    COOKING,
    SEWING,
    BRANDING_AND_PACKAGING,
    DIGITAL_MARKETING,
    PHOTOGRAPHY_AND_VIDEO,
    FINANCIAL_LITERACY,
    RESEARCH
}
