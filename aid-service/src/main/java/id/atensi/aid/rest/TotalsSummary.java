package id.atensi.aid.rest;

import id.atensi.aid.service.ReportQueries;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One row of a totals report: one group's distributions in exact rupiah. */
@Schema(name = "TotalsRow", description = "proposedIdr: not yet approved; committedIdr: approved and not released (delivered included); deliveredIdr: reached the recipients")
public record TotalsSummary(String key, String label, long distributions, long proposedIdr, long committedIdr, long deliveredIdr,
                            Long quantity, Long deliveredQuantity) {

    static TotalsSummary of(ReportQueries.Totals totals) {
        return new TotalsSummary(totals.key(), totals.label(), totals.distributions(), totals.proposedIdr(), totals.committedIdr(),
                totals.deliveredIdr(), totals.quantity(), totals.deliveredQuantity());
    }
}
