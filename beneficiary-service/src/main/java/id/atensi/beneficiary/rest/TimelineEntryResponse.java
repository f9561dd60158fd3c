package id.atensi.beneficiary.rest;

import id.atensi.beneficiary.domain.TimelineEntry;

import java.time.OffsetDateTime;

public record TimelineEntryResponse(OffsetDateTime at, String kind, String summary, String source, String referenceId) {

    static TimelineEntryResponse of(TimelineEntry e) {
        return new TimelineEntryResponse(e.occurredAt, e.kind, e.summary, e.source, e.referenceId);
    }
}
