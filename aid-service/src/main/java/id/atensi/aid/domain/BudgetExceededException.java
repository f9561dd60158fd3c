package id.atensi.aid.domain;

/** A reservation that does not fit what remains of the programme's funding sources. */
public class BudgetExceededException extends RuntimeException {

    private final transient BudgetShortfall shortfall;

    public BudgetExceededException(BudgetShortfall shortfall) {
        super("Rp " + shortfall.amountIdr() + " exceeds what remains (Rp " + shortfall.remainingIdr() + ") by Rp " + shortfall.shortfallIdr());
        this.shortfall = shortfall;
    }

    public BudgetShortfall shortfall() {
        return shortfall;
    }
}
