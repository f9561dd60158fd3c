package id.atensi.aid.domain;

import id.atensi.vocabulary.FundingSourceKind;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The money rules of a programme's budget over its funding sources, exact to the rupiah, without Quarkus or a database. */
class ProgrammeBudgetTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 6, 1);
    private static final long STATE = 500_000_000L;
    private static final long CSR = 250_000_000L;
    private static final long DISTRIBUTION = 100_250_000L;

    private final Programme programme = programme(LocalDate.of(2026, 12, 31));
    private final FundingSource state = source(programme, 0, STATE);
    private final FundingSource csr = source(programme, 1, CSR);
    private final List<FundingSource> sources = List.of(state, csr);

    @Test
    void sevenCoFundedDistributionsFitTheStateBudgetAndACsrShareAndLeaveExactlyRp48250000() {
        List<List<Share>> reserved = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            reserved.add(programme.reserve(sources, DISTRIBUTION, null));
        }

        for (int i = 0; i < 4; i++) {
            assertEquals(List.of(new Share(state.id, DISTRIBUTION)), reserved.get(i), "distribution " + (i + 1));
        }
        assertEquals(List.of(new Share(state.id, 99_000_000L), new Share(csr.id, 1_250_000L)), reserved.get(4),
                "the fifth takes what the state budget has left, then the CSR share");
        assertEquals(List.of(new Share(csr.id, DISTRIBUTION)), reserved.get(5));
        assertEquals(List.of(new Share(csr.id, DISTRIBUTION)), reserved.get(6));
        assertEquals(701_750_000L, programme.committedIdr);
        assertEquals(48_250_000L, programme.remainingIdr());
        assertEquals(STATE, state.committedIdr);
        assertEquals(0, state.remainingIdr());
        assertEquals(201_750_000L, csr.committedIdr);
        assertEquals(48_250_000L, csr.remainingIdr());
    }

    @Test
    void anEighthIsRefusedNamingTheShortfallAndChangesNothing() {
        for (int i = 0; i < 7; i++) {
            programme.reserve(sources, DISTRIBUTION, null);
        }
        BudgetExceededException refused = assertThrows(BudgetExceededException.class, () -> programme.reserve(sources, DISTRIBUTION, null));

        assertEquals(new BudgetShortfall(DISTRIBUTION, 48_250_000L, 52_000_000L, List.of()), refused.shortfall());
        assertEquals(701_750_000L, programme.committedIdr);
        assertEquals(STATE, state.committedIdr);
        assertEquals(201_750_000L, csr.committedIdr);
    }

    @Test
    void theSeventhNamingTheStateBudgetAloneIsRefusedAsBeforeWithTheStateBudgetsShortfall() {
        for (int i = 0; i < 4; i++) {
            programme.reserve(sources, DISTRIBUTION, List.of(new Share(state.id, DISTRIBUTION)));
        }
        BudgetExceededException refused = assertThrows(BudgetExceededException.class,
                () -> programme.reserve(sources, DISTRIBUTION, List.of(new Share(state.id, DISTRIBUTION))));

        assertEquals(new BudgetShortfall(DISTRIBUTION, 99_000_000L, 1_250_000L,
                List.of(new BudgetShortfall.SourceShortfall(state.id, DISTRIBUTION, 99_000_000L, 1_250_000L))), refused.shortfall());
        assertEquals(401_000_000L, state.committedIdr);
        assertEquals(0, csr.committedIdr);
    }

    @Test
    void anExplicitSplitReservesEachShareOnItsSourceOrNothingWhenOneDoesNotFit() {
        programme.reserve(sources, 300_000_000L, List.of(new Share(csr.id, 200_000_000L), new Share(state.id, 100_000_000L)));
        assertEquals(100_000_000L, state.committedIdr);
        assertEquals(200_000_000L, csr.committedIdr);

        List<Share> tooMuchCsr = List.of(new Share(state.id, 10_000_000L), new Share(csr.id, 50_000_001L));
        BudgetExceededException refused = assertThrows(BudgetExceededException.class, () -> programme.reserve(sources, 60_000_001L, tooMuchCsr));
        assertEquals(new BudgetShortfall(60_000_001L, 450_000_000L, 1L,
                List.of(new BudgetShortfall.SourceShortfall(csr.id, 50_000_001L, 50_000_000L, 1L))), refused.shortfall());
        assertEquals(100_000_000L, state.committedIdr, "the state's share fitted, but nothing is reserved when one does not");
        assertEquals(300_000_000L, programme.committedIdr);
        assertThrows(IllegalArgumentException.class, () -> programme.reserve(sources, 2, List.of(new Share(state.id, 1L))),
                "shares that do not add up to the total are never reserved");
        assertThrows(IllegalArgumentException.class, () -> programme.reserve(sources, 1, List.of()));
        assertEquals(300_000_000L, programme.committedIdr);
    }

    @Test
    void aSplitNamesEachSourceOfTheProgrammeOnceAndAddsUpToTheTotal() {
        assertEquals(List.of(new Share(csr.id, 1L), new Share(state.id, 2L)),
                programme.split(sources, 3, List.of(new Share(csr.id, 1L), new Share(state.id, 2L))));
        FundingSource elsewhere = source(programme(LocalDate.of(2026, 12, 31)), 0, 10);
        FundingSplitException unknown = assertThrows(FundingSplitException.class,
                () -> programme.split(sources, 3, List.of(new Share(state.id, 2L), new Share(elsewhere.id, 1L))));
        assertEquals(FundingSplitException.Reason.UNKNOWN_SOURCE, unknown.reason());
        assertEquals(1, unknown.index());
        FundingSplitException repeated = assertThrows(FundingSplitException.class,
                () -> programme.split(sources, 3, List.of(new Share(state.id, 2L), new Share(state.id, 1L))));
        assertEquals(FundingSplitException.Reason.REPEATED_SOURCE, repeated.reason());
        assertEquals(FundingSplitException.Reason.SUM_MISMATCH, assertThrows(FundingSplitException.class,
                () -> programme.split(sources, 3, List.of(new Share(state.id, 2L), new Share(csr.id, 2L)))).reason());
        assertEquals(FundingSplitException.Reason.SUM_MISMATCH, assertThrows(FundingSplitException.class,
                () -> programme.split(sources, 1, List.of(new Share(state.id, Long.MAX_VALUE), new Share(csr.id, 2L)))).reason(),
                "a sum beyond the exact range never wraps round to the total");
    }

    @Test
    void aPartialDeliveryFillsTheSharesInOrderAndGivesTheRestBackFromTheLastShareFirst() {
        for (int i = 0; i < 4; i++) {
            programme.reserve(sources, DISTRIBUTION, null);
        }
        List<Share> fifth = programme.reserve(sources, DISTRIBUTION, null);

        List<Settlement> settled = programme.deliver(sources, fifth, 50_000_000L);

        assertEquals(List.of(new Settlement(state.id, 99_000_000L, 50_000_000L, 49_000_000L),
                new Settlement(csr.id, 1_250_000L, 0, 1_250_000L)), settled);
        assertEquals(401_000_000L + 50_000_000L, state.committedIdr);
        assertEquals(50_000_000L, state.deliveredIdr);
        assertEquals(0, csr.committedIdr);
        assertEquals(0, csr.deliveredIdr);
        assertEquals(451_000_000L, programme.committedIdr);
        assertEquals(50_000_000L, programme.deliveredIdr);
        assertEquals(299_000_000L, programme.remainingIdr());
    }

    @Test
    void aDeliveryReachingTheSecondShareKeepsItsDeliveredPartAndReleasesTheRest() {
        programme.reserve(sources, 400_000_000L, List.of(new Share(state.id, 400_000_000L)));
        List<Share> shares = programme.reserve(sources, DISTRIBUTION, null);
        assertEquals(List.of(new Share(state.id, 100_000_000L), new Share(csr.id, 250_000L)), shares);

        List<Settlement> settled = programme.deliver(sources, shares, 100_100_000L);

        assertEquals(List.of(new Settlement(state.id, 100_000_000L, 100_000_000L, 0), new Settlement(csr.id, 250_000L, 100_000L, 150_000L)),
                settled);
        assertEquals(STATE, state.committedIdr);
        assertEquals(100_000_000L, state.deliveredIdr);
        assertEquals(100_000L, csr.committedIdr);
        assertEquals(100_000L, csr.deliveredIdr);
        assertEquals(500_100_000L, programme.committedIdr);
        assertEquals(100_100_000L, programme.deliveredIdr);
        assertEquals(249_900_000L, programme.remainingIdr());
    }

    @Test
    void aFullDeliveryReleasesNothingAndACancellationReleasesEveryShare() {
        List<Share> delivered = programme.reserve(sources, 600_000_000L, null);
        List<Share> cancelled = programme.reserve(sources, 150_000_000L, null);
        assertEquals(List.of(new Share(csr.id, 150_000_000L)), cancelled);

        assertEquals(List.of(new Settlement(state.id, STATE, STATE, 0), new Settlement(csr.id, 100_000_000L, 100_000_000L, 0)),
                programme.deliver(sources, delivered, 600_000_000L));
        assertEquals(List.of(new Settlement(csr.id, 150_000_000L, 0, 150_000_000L)), programme.release(sources, cancelled));

        assertEquals(600_000_000L, programme.committedIdr);
        assertEquals(600_000_000L, programme.deliveredIdr);
        assertEquals(150_000_000L, programme.remainingIdr());
        assertEquals(100_000_000L, csr.committedIdr);
        assertEquals(150_000_000L, csr.remainingIdr());
        assertThrows(IllegalArgumentException.class, () -> programme.deliver(sources, delivered, 0));
        assertThrows(IllegalArgumentException.class, () -> programme.deliver(sources, delivered, 600_000_001L));
    }

    @Test
    void budgetsAtTheTopOfTheExactRangeStayExact() {
        Programme huge = programme(LocalDate.of(2026, 12, 31));
        FundingSource first = source(huge, 0, Long.MAX_VALUE - 10);
        FundingSource second = source(huge, 1, 10);
        huge.budgetIdr = Long.MAX_VALUE;
        List<FundingSource> both = List.of(first, second);

        assertEquals(List.of(new Share(first.id, Long.MAX_VALUE - 10), new Share(second.id, 10L)), huge.reserve(both, Long.MAX_VALUE, null));
        assertEquals(Long.MAX_VALUE, huge.committedIdr);
        assertEquals(new BudgetShortfall(1, 0, 1, List.of()), huge.shortfall(both, 1, null).orElseThrow());
    }

    @Test
    void aProgrammeEndsTheDayAfterItsPeriodAndAnEndedOrClosedOneTakesNoDistributions() {
        Programme p = programme(LocalDate.of(2026, 12, 31));
        assertEquals(ProgrammeStatus.OPEN, p.statusOn(LocalDate.of(2026, 12, 31)));
        assertTrue(p.takesDistributions(LocalDate.of(2026, 12, 31)));
        assertEquals(ProgrammeStatus.ENDED, p.statusOn(LocalDate.of(2027, 1, 1)));
        assertEquals(false, p.takesDistributions(LocalDate.of(2027, 1, 1)));
        assertEquals(Set.of(ProgrammeStatus.CLOSED), p.allowedTransitionsOn(LocalDate.of(2027, 1, 1)));
        p.status = ProgrammeStatus.CLOSED;
        assertEquals(ProgrammeStatus.CLOSED, p.statusOn(LocalDate.of(2026, 6, 1)));
        assertEquals(false, p.takesDistributions(LocalDate.of(2026, 6, 1)));
        assertTrue(p.allowedTransitionsOn(LocalDate.of(2026, 6, 1)).isEmpty());
    }

    @Test
    void aProposedDistributionOffersApprovalOnlyWhileItsProgrammeCouldApproveIt() {
        Distribution pooled = distribution(programme, FundingMode.POOL, DISTRIBUTION);
        Distribution named = distribution(programme, FundingMode.EXPLICIT, 1_000_000L);
        List<Share> onCsr = List.of(new Share(csr.id, 1_000_000L));
        assertEquals(Set.of(DistributionStatus.APPROVED, DistributionStatus.CANCELLED),
                pooled.allowedTransitions(programme, sources, List.of(), TODAY));

        programme.reserve(sources, 649_750_000L, null);
        assertEquals(Set.of(DistributionStatus.APPROVED, DistributionStatus.CANCELLED),
                pooled.allowedTransitions(programme, sources, List.of(), TODAY), "Rp 100,250,000 left: it still fits");
        programme.reserve(sources, 99_250_001L, null);
        assertEquals(Set.of(DistributionStatus.CANCELLED), pooled.allowedTransitions(programme, sources, List.of(), TODAY),
                "Rp 999,999 left");
        assertEquals(Set.of(DistributionStatus.CANCELLED), named.allowedTransitions(programme, sources, onCsr, TODAY));
        assertEquals(Set.of(DistributionStatus.APPROVED, DistributionStatus.CANCELLED),
                distribution(programme, FundingMode.EXPLICIT, 999_999L).allowedTransitions(programme, sources,
                        List.of(new Share(csr.id, 999_999L)), TODAY));

        Distribution small = distribution(programme, FundingMode.POOL, 1);
        assertEquals(Set.of(DistributionStatus.APPROVED, DistributionStatus.CANCELLED), small.allowedTransitions(programme, sources, List.of(), TODAY));
        assertEquals(Set.of(DistributionStatus.CANCELLED), small.allowedTransitions(programme, sources, List.of(), LocalDate.of(2027, 1, 1)),
                "the programme's period is over");
        small.status = DistributionStatus.APPROVED;
        assertEquals(Set.of(DistributionStatus.DISPATCHED, DistributionStatus.CANCELLED),
                small.allowedTransitions(programme, sources, List.of(), LocalDate.of(2027, 1, 1)), "what is under way goes on");
    }

    /**
     * Random reservations (pool and explicit), deliveries and releases against three sources: the sources and the
     * programme always agree to the rupiah, no source is ever overspent, and a refusal happens exactly when it must.
     */
    @Test
    void generatedSequencesKeepEverySourceAndTheProgrammeExact() {
        for (long seed = 1; seed <= 200; seed++) {
            Random random = new Random(seed);
            Programme p = programme(LocalDate.of(2026, 12, 31));
            List<FundingSource> three = List.of(source(p, 0, 1 + random.nextInt(5_000_000)), source(p, 1, 1 + random.nextInt(5_000_000)),
                    source(p, 2, 1 + random.nextInt(5_000_000)));
            p.budgetIdr = three.stream().mapToLong(s -> s.amountIdr).sum();
            List<List<Share>> open = new ArrayList<>();
            long delivered = 0;
            StringBuilder steps = new StringBuilder("seed " + seed + ", sources " + three.stream().map(s -> s.amountIdr).toList());
            for (int step = 0; step < 60; step++) {
                int action = random.nextInt(4);
                if (action <= 1 || open.isEmpty()) {
                    long amount = 1 + random.nextInt(3_000_000);
                    List<Share> requested = action == 0 ? null : List.of(new Share(three.get(random.nextInt(3)).id, amount));
                    Optional<BudgetShortfall> shortfall = p.shortfall(three, amount, requested);
                    long fitsIn = requested == null ? p.remainingIdr() : byId(three, requested.get(0).fundingSourceId()).remainingIdr();
                    steps.append("; reserve ").append(amount).append(requested == null ? " pool" : " on one");
                    assertEquals(amount > fitsIn, shortfall.isPresent(), steps.toString());
                    if (shortfall.isEmpty()) {
                        List<Share> shares = p.reserve(three, amount, requested);
                        assertEquals(amount, shares.stream().mapToLong(Share::amountIdr).sum(), steps.toString());
                        open.add(shares);
                    } else {
                        assertThrows(BudgetExceededException.class, () -> p.reserve(three, amount, requested), steps.toString());
                    }
                } else {
                    List<Share> shares = open.remove(random.nextInt(open.size()));
                    long total = shares.stream().mapToLong(Share::amountIdr).sum();
                    if (action == 2) {
                        long part = 1 + (long) (random.nextDouble() * total) % total;
                        steps.append("; deliver ").append(part).append(" of ").append(total);
                        p.deliver(three, shares, part);
                        delivered += part;
                    } else {
                        steps.append("; release ").append(total);
                        p.release(three, shares);
                    }
                }
                long committed = 0;
                long sourcesDelivered = 0;
                for (FundingSource source : three) {
                    assertTrue(source.committedIdr >= 0 && source.committedIdr <= source.amountIdr, steps + ": " + source.committedIdr);
                    assertTrue(source.deliveredIdr >= 0 && source.deliveredIdr <= source.committedIdr, steps.toString());
                    committed += source.committedIdr;
                    sourcesDelivered += source.deliveredIdr;
                }
                assertEquals(committed, p.committedIdr, steps.toString());
                assertEquals(sourcesDelivered, p.deliveredIdr, steps.toString());
                assertEquals(delivered, p.deliveredIdr, steps.toString());
            }
        }
    }

    private static FundingSource byId(List<FundingSource> sources, UUID id) {
        return sources.stream().filter(s -> s.id.equals(id)).findFirst().orElseThrow();
    }

    private static Programme programme(LocalDate periodEnd) {
        Programme p = new Programme();
        p.id = UUID.randomUUID();
        p.status = ProgrammeStatus.OPEN;
        p.periodStart = LocalDate.of(2026, 1, 1);
        p.periodEnd = periodEnd;
        p.budgetIdr = STATE + CSR;
        return p;
    }

    private static FundingSource source(Programme programme, int position, long amount) {
        FundingSource source = new FundingSource();
        source.id = UUID.randomUUID();
        source.programmeId = programme.id;
        source.kind = position == 0 ? FundingSourceKind.STATE_BUDGET : FundingSourceKind.CSR;
        source.amountIdr = amount;
        source.position = position;
        return source;
    }

    private static Distribution distribution(Programme programme, FundingMode mode, long total) {
        Distribution d = new Distribution();
        d.id = UUID.randomUUID();
        d.programmeId = programme.id;
        d.fundingMode = mode;
        d.status = DistributionStatus.PROPOSED;
        d.totalIdr = total;
        return d;
    }
}
