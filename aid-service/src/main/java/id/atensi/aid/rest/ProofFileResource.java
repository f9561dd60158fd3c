package id.atensi.aid.rest;

import id.atensi.aid.config.AidConfig;
import id.atensi.aid.domain.ProofFile;
import id.atensi.aid.service.ProofFileQueries;
import id.atensi.aid.service.ProofFileService;
import id.atensi.commons.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.UUID;

@Path("/api/v1/aid/distributions/{id}/proof-files")
@Tag(name = "Aid distributions")
@SecurityRequirement(name = "bearerAuth")
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The role does not allow this; an officer adding to a distribution of no unit (rule no-unit-admin-only); a partner reading a person's proof without the person's PARTNER_SHARING consent (rule personal-data-withheld)")
public class ProofFileResource {

    private static final String JPEG = "image/jpeg";
    private static final String PNG = "image/png";
    private static final String PDF = "application/pdf";

    private final ProofFileService files;
    private final ProofFileQueries queries;
    private final AidConfig config;

    ProofFileResource(ProofFileService files, ProofFileQueries queries, AidConfig config) {
        this.files = files;
        this.queries = queries;
        this.config = config;
    }

    @POST
    @Consumes({JPEG, PNG, PDF})
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.PARTNER})
    @Operation(summary = "Upload a photo or document as proof of delivery", description = """
            The body is the file itself, JPEG, PNG or PDF, with its type as Content-Type; its first bytes must be those of \
            that type (415 otherwise). At most atensi.aid.proof-file-max-bytes (5 MB by default): a larger Content-Length \
            is refused with 413 before the body is read, a body without one once it passes the limit. Taken while the \
            distribution is DISPATCHED, from whoever may record its delivery (a partner: only what it channels). The \
            service computes the SHA-256; record the delivery with proof.proofFileId, and the proof's fileReference and \
            fileSha256 become the file's. The file is never put in an event.""")
    @RequestBody(required = true, content = {
            @Content(mediaType = JPEG, schema = @Schema(type = SchemaType.STRING, format = "binary"),
                    examples = @ExampleObject(name = "photo", summary = "a phone's photo of the handover, sent as it is")),
            @Content(mediaType = PNG, schema = @Schema(type = SchemaType.STRING, format = "binary")),
            @Content(mediaType = PDF, schema = @Schema(type = SchemaType.STRING, format = "binary"),
                    examples = @ExampleObject(name = "receipt", summary = "a signed receipt (berita acara serah terima), scanned"))})
    @APIResponse(responseCode = "201", description = "Stored; Location is where it is read back",
            content = @Content(schema = @Schema(implementation = ProofFileResponse.class), examples = @ExampleObject(name = "photo", value = """
                    {"id":"5a1c9e0e-8f53-4c43-9d4f-2b7f0c1d2e3f","distributionId":"7d0f4c1e-2a4b-4f6e-9a51-6c2b8e3d1f00",
                     "contentType":"image/jpeg","sizeBytes":1843200,
                     "sha256":"3a7bd3e2360a3d29eea436fcfb7e44c735d117c42d1c1835420b6b9942dd4f1b",
                     "fileReference":"/api/v1/aid/distributions/7d0f4c1e-2a4b-4f6e-9a51-6c2b8e3d1f00/proof-files/5a1c9e0e-8f53-4c43-9d4f-2b7f0c1d2e3f",
                     "uploadedBy":"officer-bekasi","uploadedAt":"2026-03-05T03:02:11Z"}""")))
    @APIResponse(responseCode = "400", description = "An empty body")
    @APIResponse(responseCode = "404", description = "No such distribution within the caller's reach (another partner's or another unit's answers the same)")
    @APIResponse(responseCode = "409", description = "The distribution is not DISPATCHED (currentStatus)")
    @APIResponse(responseCode = "413", description = "The file is over atensi.aid.proof-file-max-bytes (code payload-too-large)")
    @APIResponse(responseCode = "415", description = "Not image/jpeg, image/png or application/pdf, or the file's first bytes are not those of its declared type (detectedType when they are another's)")
    public Response upload(@PathParam("id") UUID distributionId, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                           InputStream body, @Context ContainerRequestContext request, @Context UriInfo uri) throws IOException {
        long limit = config.proofFileMaxBytes();
        // One byte more than the limit tells a body without Content-Length that is too large, without reading the rest.
        byte[] content = body.readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE - 8));
        if (content.length > limit) {
            return ProofFileSizeLimit.tooLarge(limit, request);
        }
        ProofFile file = files.upload(distributionId, contentType, content);
        return Response.created(uri.getAbsolutePathBuilder().path(file.id.toString()).build())
                .type(MediaType.APPLICATION_JSON).entity(ProofFileResponse.of(ProofFileQueries.Stored.of(file))).build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.AUDITOR, Roles.PARTNER})
    @Operation(summary = "List a distribution's proof files", description = "Oldest first, without their bytes. Whoever may read the distribution, as for the distribution itself; a partner only for a recipient who consents to PARTNER_SHARING (or a household or group).")
    @APIResponse(responseCode = "200", description = "The files", content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = ProofFileResponse.class)))
    @APIResponse(responseCode = "404", description = "No such distribution within the caller's reach")
    public List<ProofFileResponse> list(@PathParam("id") UUID distributionId) {
        return queries.list(distributionId).stream().map(ProofFileResponse::of).toList();
    }

    @GET
    @Path("/{fileId}")
    @Produces({JPEG, PNG, PDF, MediaType.APPLICATION_JSON})
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.AUDITOR, Roles.PARTNER})
    @Operation(summary = "Download a proof file", description = "The bytes as uploaded, with their type, the SHA-256 the service computed as ETag, shown inline. Whoever may read the distribution; a partner only for a recipient who consents to PARTNER_SHARING (or a household or group).")
    @APIResponse(responseCode = "200", description = "The file", content = {
            @Content(mediaType = JPEG, schema = @Schema(type = SchemaType.STRING, format = "binary")),
            @Content(mediaType = PNG, schema = @Schema(type = SchemaType.STRING, format = "binary")),
            @Content(mediaType = PDF, schema = @Schema(type = SchemaType.STRING, format = "binary"))})
    @APIResponse(responseCode = "404", description = "No such distribution within the caller's reach, or no such file of it")
    public Response download(@PathParam("id") UUID distributionId, @PathParam("fileId") UUID fileId) {
        ProofFile file = queries.download(distributionId, fileId);
        return Response.ok(file.content, file.contentType)
                .tag(file.sha256)
                .header("Content-Disposition", "inline; filename=\"proof-" + file.id + extension(file.contentType) + "\"")
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    private static String extension(String contentType) {
        return switch (contentType) {
            case JPEG -> ".jpg";
            case PNG -> ".png";
            default -> ".pdf";
        };
    }
}
