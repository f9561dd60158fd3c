package id.atensi.aid.domain;

import id.atensi.vocabulary.FundingSourceKind;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A distribution's and a programme's lifecycles, and the moves each refuses, without Quarkus or a database. */
class DistributionLifecycleTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 6, 1);
    private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 6, 1, 9, 0, 0, 0, ZoneOffset.UTC);
    private static final Proof PROOF = new Proof("Ketua RT", NOW, "Bantargebang", -6.35, 106.99, "s3://proofs/1.jpg", "9f".repeat(32));

    private final Programme programme = programme();
    private final FundingSource state = source(0, 10_000_000L);
    private final FundingSource csr = source(1, 5_000_000L);
    private final List<FundingSource> sources = List.of(state, csr);
    /** The lines of the distribution a test made last. */
    private final List<DistributionLine> lines = new ArrayList<>();

    @Test
    void aDistributionGoesFromProposalThroughApprovalAndDispatchToDelivery() {
        Distribution d = distribution(FundingMode.POOL, line(1, 4, 500_000L), line(2, 2, 1_000_000L));

        List<Share> reserved = d.approve(programme, sources, List.of(), "approver", TODAY, NOW);
        assertEquals(DistributionStatus.APPROVED, d.status);
        assertEquals("approver", d.approvedBy);
        assertEquals(List.of(new Share(state.id, 4_000_000L)), reserved);
        assertEquals(4_000_000L, programme.committedIdr);

        d.dispatch(NOW);
        assertEquals(DistributionStatus.DISPATCHED, d.status);

        List<DistributionShare> shares = rows(d, reserved);
        List<Settlement> settled = d.deliver(programme, sources, lines, shares, List.of(), PROOF, "officer", NOW);
        assertEquals(DistributionStatus.DELIVERED, d.status);
        assertEquals(4_000_000L, d.deliveredIdr);
        assertEquals(List.of(new Settlement(state.id, 4_000_000L, 4_000_000L, 0)), settled);
        assertEquals(4_000_000L, shares.get(0).deliveredIdr);
        assertEquals(List.of(4L, 2L), lines.stream().map(line -> line.deliveredQuantity).toList());
        assertEquals("officer", d.proofRecordedBy);
        assertEquals(PROOF.fileSha256(), d.proofFileSha256);
        assertEquals(4_000_000L, programme.deliveredIdr);
        assertTrue(d.status.next().isEmpty(), "delivered is final");
    }

    @Test
    void fewerUnitsThanProposedArePartlyDeliveredAndTheRestGoesBack() {
        Distribution d = distribution(FundingMode.POOL, line(1, 4, 500_000L), line(2, 2, 1_000_000L));
        List<DistributionShare> shares = rows(d, d.approve(programme, sources, List.of(), "approver", TODAY, NOW));
        d.dispatch(NOW);

        List<Settlement> settled = d.deliver(programme, sources, lines, shares, List.of(new DeliveredQuantity(2, 1)), PROOF, "officer", NOW);

        assertEquals(DistributionStatus.PARTIALLY_DELIVERED, d.status);
        assertEquals(3_000_000L, d.deliveredIdr);
        assertEquals(List.of(new Settlement(state.id, 4_000_000L, 3_000_000L, 1_000_000L)), settled);
        assertEquals(3_000_000L, programme.committedIdr);
        assertEquals(List.of(4L, 1L), lines.stream().map(line -> line.deliveredQuantity).toList());
    }

    @Test
    void aDeliveryReportTheLinesCannotTakeChangesNothing() {
        Distribution d = distribution(FundingMode.POOL, line(1, 4, 500_000L));
        List<DistributionShare> shares = rows(d, d.approve(programme, sources, List.of(), "approver", TODAY, NOW));
        d.dispatch(NOW);

        assertEquals(InvalidDeliveryException.Reason.REPEATED_POSITION, assertThrows(InvalidDeliveryException.class, () -> d.deliver(programme,
                sources, lines, shares, List.of(new DeliveredQuantity(1, 1), new DeliveredQuantity(1, 2)), PROOF, "officer", NOW)).reason());
        assertEquals(InvalidDeliveryException.Reason.MORE_THAN_PROPOSED, assertThrows(InvalidDeliveryException.class, () -> d.deliver(programme,
                sources, lines, shares, List.of(new DeliveredQuantity(1, 5)), PROOF, "officer", NOW)).reason());
        assertEquals(InvalidDeliveryException.Reason.UNKNOWN_POSITION, assertThrows(InvalidDeliveryException.class, () -> d.deliver(programme,
                sources, lines, shares, List.of(new DeliveredQuantity(2, 1)), PROOF, "officer", NOW)).reason());
        assertEquals(InvalidDeliveryException.Reason.NOTHING_DELIVERED, assertThrows(InvalidDeliveryException.class, () -> d.deliver(programme,
                sources, lines, shares, List.of(new DeliveredQuantity(1, 0)), PROOF, "officer", NOW)).reason());

        assertEquals(DistributionStatus.DISPATCHED, d.status);
        assertEquals(2_000_000L, programme.committedIdr);
        assertEquals(0, programme.deliveredIdr);
    }

    @Test
    void cancellingBeforeDispatchAndReturningAfterGiveEveryShareBack() {
        Distribution proposed = distribution(FundingMode.POOL, line(1, 1, 1_000_000L));
        assertEquals(List.of(), proposed.close(DistributionStatus.CANCELLED, programme, sources, List.of(), "Data ganda", NOW),
                "nothing was reserved");
        assertEquals(DistributionStatus.CANCELLED, proposed.status);
        assertEquals("Data ganda", proposed.closeReason);

        Distribution approved = distribution(FundingMode.POOL, line(1, 12, 1_000_000L));
        List<Share> reserved = approved.approve(programme, sources, List.of(), "approver", TODAY, NOW);
        assertEquals(List.of(new Share(state.id, 10_000_000L), new Share(csr.id, 2_000_000L)), reserved);
        approved.dispatch(NOW);
        List<Settlement> released = approved.close(DistributionStatus.RETURNED, programme, sources, reserved, "Alamat tidak ditemukan", NOW);

        assertEquals(DistributionStatus.RETURNED, approved.status);
        assertEquals(List.of(new Settlement(state.id, 10_000_000L, 0, 10_000_000L), new Settlement(csr.id, 2_000_000L, 0, 2_000_000L)), released);
        assertEquals(0, programme.committedIdr);
        assertEquals(0, state.committedIdr);
        assertEquals(0, csr.committedIdr);
    }

    @Test
    void eachStatusRefusesEveryMoveItsLifecycleDoesNotAllowAndStaysAsItWas() {
        for (DistributionStatus from : DistributionStatus.values()) {
            for (DistributionStatus to : EnumSet.complementOf(EnumSet.copyOf(from.next()))) {
                if (to == DistributionStatus.PROPOSED || to == DistributionStatus.PARTIALLY_DELIVERED) {
                    continue; // no move asks for these: a proposal creates, and a delivery report's lines decide partial
                }
                Distribution d = distribution(FundingMode.POOL, line(1, 1, 1_000_000L));
                d.status = from;
                IllegalTransitionException refused = assertThrows(IllegalTransitionException.class, () -> move(d, to), from + " -> " + to);
                assertEquals(from, refused.current(), from + " -> " + to);
                assertEquals(to, refused.requested(), from + " -> " + to);
                assertEquals(from, d.status, from + " -> " + to + " changed it");
            }
        }
        assertEquals(0, programme.committedIdr);
    }

    @Test
    void theProposerCannotApproveAndAClosedOrEndedProgrammeApprovesNothing() {
        Distribution d = distribution(FundingMode.POOL, line(1, 1, 1_000_000L));
        assertThrows(FourEyesException.class, () -> d.approve(programme, sources, List.of(), d.proposedBy, TODAY, NOW));

        ProgrammeNotOpenException ended = assertThrows(ProgrammeNotOpenException.class,
                () -> d.approve(programme, sources, List.of(), "approver", LocalDate.of(2027, 1, 1), NOW));
        assertEquals(ProgrammeStatus.ENDED, ended.status());
        assertEquals(LocalDate.of(2026, 12, 31), ended.periodEnd());

        programme.close(TODAY, NOW);
        assertEquals(ProgrammeStatus.CLOSED, assertThrows(ProgrammeNotOpenException.class,
                () -> d.approve(programme, sources, List.of(), "approver", TODAY, NOW)).status());
        assertEquals(Set.of(DistributionStatus.CANCELLED), d.allowedTransitions(programme, sources, List.of(), TODAY),
                "what a read offers says the same");
        assertEquals(DistributionStatus.PROPOSED, d.status);
        assertEquals(0, programme.committedIdr);
    }

    @Test
    void aProgrammeClosesOnceWhetherOpenOrEnded() {
        Programme ended = programme();
        ended.close(LocalDate.of(2027, 3, 1), NOW);
        assertEquals(ProgrammeStatus.CLOSED, ended.status);
        assertEquals(NOW, ended.closedAt);

        programme.close(TODAY, NOW);
        IllegalTransitionException again = assertThrows(IllegalTransitionException.class, () -> programme.close(TODAY, NOW.plusDays(1)));
        assertEquals(ProgrammeStatus.CLOSED, again.current());
        assertEquals(ProgrammeStatus.CLOSED, again.requested());
        assertEquals(NOW, programme.closedAt);
    }

    @Test
    void theStatusesThatHoldBudgetAreThoseThatCountForTheReportAndTheShares() {
        assertEquals(EnumSet.of(DistributionStatus.PROPOSED), DistributionStatus.where(DistributionStatus::awaitsApproval));
        assertEquals(EnumSet.of(DistributionStatus.APPROVED, DistributionStatus.DISPATCHED, DistributionStatus.DELIVERED,
                DistributionStatus.PARTIALLY_DELIVERED), DistributionStatus.where(DistributionStatus::reservesBudget));
        assertEquals(EnumSet.of(DistributionStatus.DELIVERED, DistributionStatus.PARTIALLY_DELIVERED),
                DistributionStatus.where(DistributionStatus::delivered));
        assertEquals(EnumSet.complementOf(EnumSet.of(DistributionStatus.CANCELLED, DistributionStatus.RETURNED)),
                DistributionStatus.where(DistributionStatus::counts));
        DistributionShare share = new DistributionShare();
        share.amountIdr = 3;
        share.deliveredIdr = 2;
        for (DistributionStatus status : DistributionStatus.values()) {
            long expected = status.delivered() ? 2 : status == DistributionStatus.APPROVED || status == DistributionStatus.DISPATCHED ? 3 : 0;
            assertEquals(expected, share.committedIdr(status), status.name());
        }
    }

    private void move(Distribution d, DistributionStatus to) {
        switch (to) {
            case APPROVED -> d.approve(programme, sources, List.of(), "approver", TODAY, NOW);
            case DISPATCHED -> d.dispatch(NOW);
            case DELIVERED -> d.deliver(programme, sources, lines, List.of(), List.of(), PROOF, "officer", NOW);
            case CANCELLED, RETURNED -> d.close(to, programme, sources, List.of(), "x", NOW);
            default -> throw new IllegalArgumentException(to.name());
        }
    }

    private Distribution distribution(FundingMode mode, DistributionLine... lines) {
        Distribution d = new Distribution();
        d.id = UUID.randomUUID();
        d.programmeId = programme.id;
        d.fundingMode = mode;
        d.status = DistributionStatus.PROPOSED;
        d.proposedBy = "proposer";
        this.lines.clear();
        long total = 0;
        for (DistributionLine line : lines) {
            line.distributionId = d.id;
            this.lines.add(line);
            total += line.lineTotalIdr;
        }
        d.totalIdr = total;
        return d;
    }

    private static DistributionLine line(int position, long quantity, long unitValue) {
        DistributionLine line = new DistributionLine();
        line.id = UUID.randomUUID();
        line.position = position;
        line.itemId = UUID.randomUUID();
        line.quantity = quantity;
        line.unitValueIdr = unitValue;
        line.lineTotalIdr = quantity * unitValue;
        return line;
    }

    private static List<DistributionShare> rows(Distribution d, List<Share> reserved) {
        List<DistributionShare> rows = new ArrayList<>();
        for (int i = 0; i < reserved.size(); i++) {
            DistributionShare row = new DistributionShare();
            row.distributionId = d.id;
            row.position = i;
            row.fundingSourceId = reserved.get(i).fundingSourceId();
            row.amountIdr = reserved.get(i).amountIdr();
            rows.add(row);
        }
        return rows;
    }

    private static Programme programme() {
        Programme p = new Programme();
        p.id = UUID.randomUUID();
        p.status = ProgrammeStatus.OPEN;
        p.periodStart = LocalDate.of(2026, 1, 1);
        p.periodEnd = LocalDate.of(2026, 12, 31);
        p.budgetIdr = 15_000_000L;
        return p;
    }

    private FundingSource source(int position, long amount) {
        FundingSource source = new FundingSource();
        source.id = UUID.randomUUID();
        source.programmeId = programme.id;
        source.kind = position == 0 ? FundingSourceKind.STATE_BUDGET : FundingSourceKind.CSR;
        source.amountIdr = amount;
        source.position = position;
        return source;
    }
}
