package id.atensi.partner.domain;

import id.atensi.vocabulary.Regions;

import java.util.Optional;

/**
 * Where a partner or a unit is: a province and, optionally, a regency in it, by the Ministry of Home Affairs' codes.
 * Organisations are registered today, so unlike a NIK they are checked against the current list.
 */
public final class Locations {

    private Locations() {
    }

    /**
     * @return what is wrong with a location, blamed on {@code provinceCode} or {@code regencyCode} by
     * {@link Regions.Level#field()}; empty when it is valid
     */
    public static Optional<Regions.Problem> problem(String provinceCode, String regencyCode) {
        if (provinceCode == null) {
            return Optional.of(new Regions.Problem(Regions.Level.PROVINCE, "is required"));
        }
        return Regions.problem(provinceCode, regencyCode, null, null);
    }

    /** A province or a regency code, as an agreement's scope names regions. */
    public static boolean isProvinceOrRegency(String code) {
        return Regions.isProvince(code) || Regions.isRegency(code);
    }
}
