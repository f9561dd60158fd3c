package id.atensi.beneficiary.rest;

import com.fasterxml.jackson.databind.JsonNode;
import id.atensi.beneficiary.domain.DataExport;
import id.atensi.beneficiary.service.DataExportService;
import id.atensi.commons.rest.ProblemCode;
import id.atensi.commons.rest.ProblemException;
import id.atensi.commons.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.regex.Pattern;
import java.util.UUID;

@Path("/api/v1/beneficiaries/{id}/data-exports")
@Tag(name = "Personal data rights", description = "The person's rights under UU 27/2022: access and erasure (docs/personal-data.md)")
@SecurityRequirement(name = "bearerAuth")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.OFFICER})
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The role does not allow this")
@APIResponse(responseCode = "404", description = "No such beneficiary or export (or not one the caller reaches)")
public class DataExportResource {

    private static final MediaType PRINTABLE = MediaType.TEXT_HTML_TYPE.withCharset("UTF-8");
    /** RFC 9110, 12.4.2's qvalue. */
    private static final Pattern QUALITY = Pattern.compile("0(\\.[0-9]{0,3})?|1(\\.0{0,3})?");

    private final DataExportService exports;

    DataExportResource(DataExportService exports) {
        this.exports = exports;
    }

    @POST
    @Operation(summary = "Start a copy of everything held on a person (right of access)", description = "A job: this service's record, case file, consents, households, groups and the trail of who saw the data, and the parts the training and aid services hold, asked for with the caller's token. Follow Location for progress (partsDone of partsTotal); the document is at …/document when DONE. Audited as a read of all the person's data. A part that cannot be had fails the job, naming the service.")
    @APIResponse(responseCode = "202", description = "Started", content = @Content(schema = @Schema(implementation = DataExportResponse.class)))
    public Response start(@PathParam("id") UUID id, UriInfo uri) {
        DataExport export = exports.request(id);
        return Response.accepted(DataExportResponse.of(export))
                .location(uri.getAbsolutePathBuilder().path(export.id.toString()).build()).build();
    }

    @GET
    @Path("/{exportId}")
    @Operation(summary = "An export's progress", description = "RUNNING, DONE or FAILED (with the reason).")
    @APIResponse(responseCode = "200", description = "The export", content = @Content(schema = @Schema(implementation = DataExportResponse.class)))
    public DataExportResponse get(@PathParam("id") UUID id, @PathParam("exportId") UUID exportId) {
        return DataExportResponse.of(exports.find(id, exportId));
    }

    @GET
    @Path("/{exportId}/document")
    // Matched whatever Accept names, so that this method, not the router, answers an Accept it cannot meet: its 406
    // then says Vary: Accept too. The media types it answers with are documented on the 200 below.
    @Produces(MediaType.WILDCARD)
    @VariesByAccept
    @Operation(summary = "The copy", description = "JSON, or a page to print where Accept prefers text/html (q-values count; JSON without Accept). NIK and KK in clear: it is the person's own copy.")
    @APIResponse(responseCode = "200", description = "The document",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON), @Content(mediaType = MediaType.TEXT_HTML)})
    @APIResponse(responseCode = "406", description = "Accept names neither application/json nor text/html")
    @APIResponse(responseCode = "409", description = "The export is still RUNNING, or FAILED")
    public Response document(@PathParam("id") UUID id, @PathParam("exportId") UUID exportId, @Context HttpHeaders headers) {
        MediaType chosen = preferred(headers.getAcceptableMediaTypes());
        JsonNode document = exports.document(id, exportId);
        return chosen == PRINTABLE
                ? Response.ok(PrintableDocument.html(document), PRINTABLE).build()
                : Response.ok(document, MediaType.APPLICATION_JSON_TYPE).build();
    }

    /**
     * The document's type the caller's Accept rates highest, JSON where both rate the same; each type rated by the
     * most specific range that names it (RFC 9110, 12.5.1: {@code application/json;q=0, *}{@code /*} refuses JSON).
     * Compared without case, as media types are (8.3.1); {@code Request.selectVariant} in Quarkus REST compares them as
     * written.
     */
    private static MediaType preferred(List<MediaType> acceptable) {
        acceptable.forEach(DataExportResource::qualityOf);
        double json = quality(MediaType.APPLICATION_JSON_TYPE, acceptable);
        double page = quality(PRINTABLE, acceptable);
        if (json <= 0 && page <= 0) {
            throw new ProblemException(ProblemCode.NOT_ACCEPTABLE, "the document is application/json or text/html");
        }
        return page > json ? PRINTABLE : MediaType.APPLICATION_JSON_TYPE;
    }

    private static double quality(MediaType offered, List<MediaType> acceptable) {
        int bestSpecificity = -1;
        double quality = 0;
        for (MediaType range : acceptable) {
            if (!range.isCompatible(offered)) {
                continue;
            }
            int specificity = range.isWildcardType() ? 0 : range.isWildcardSubtype() ? 1 : 2;
            if (specificity > bestSpecificity) {
                bestSpecificity = specificity;
                quality = qualityOf(range);
            }
        }
        return quality;
    }

    private static double qualityOf(MediaType range) {
        String q = range.getParameters().get("q");
        if (q == null) {
            return 1;
        }
        if (!QUALITY.matcher(q.strip()).matches()) {
            throw ProblemException.invalidField(HttpHeaders.ACCEPT, "q must be a number from 0 to 1 with at most three decimals");
        }
        return Double.parseDouble(q.strip());
    }
}
