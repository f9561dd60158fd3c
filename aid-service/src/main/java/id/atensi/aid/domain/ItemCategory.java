package id.atensi.aid.domain;

/** What kind of aid an item is. */
public enum ItemCategory {
    EQUIPMENT, STAPLE_FOOD_PACKAGE, ASSISTIVE_DEVICE, CASH, OTHER
}
