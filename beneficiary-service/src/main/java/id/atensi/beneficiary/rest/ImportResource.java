package id.atensi.beneficiary.rest;

import id.atensi.beneficiary.domain.ImportJob;
import id.atensi.beneficiary.service.ImportService;
import id.atensi.commons.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.InputStream;
import java.util.List;
import java.util.UUID;

@Path("/api/v1/beneficiary-imports")
@Tag(name = "Imports", description = "Bulk registration of people from a CSV or XLSX file, as a job with progress")
@SecurityRequirement(name = "bearerAuth")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.PARTNER})
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The role does not allow this")
public class ImportResource {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final ImportService imports;

    ImportResource(ImportService imports) {
        this.imports = imports;
    }

    @POST
    @Consumes("text/csv")
    @Operation(summary = "Start an import", description = "Body: CSV with a header row: fullName, nik, birthDate, sex (required), kkNumber, birthPlace, provinceCode, regencyCode, districtCode, villageCode, addressLine, phone, welfareId, clusters (;-separated). Each row is registered on its own; a NIK registered already counts as unchanged. Poll the Location.")
    @APIResponse(responseCode = "202", description = "Started", content = @Content(schema = @Schema(implementation = ImportResponse.class)))
    @APIResponse(responseCode = "400", description = "Empty file or missing header columns")
    @APIResponse(responseCode = "422", description = "The uploading partner or officer's unit is not known to the platform (yet) or is inactive")
    public Response start(String csv, UriInfo uri) {
        return started(imports.startCsv(csv), uri);
    }

    @POST
    @Consumes(XLSX)
    @Operation(summary = "Start an import from an XLSX workbook", description = "The first sheet, with the same header row, columns and rules as the CSV import; rejections name the spreadsheet's row numbers (1 = header). Type NIK and KK numbers as text: a spreadsheet keeps only 15 digits of a number. Poll the Location.")
    @APIResponse(responseCode = "202", description = "Started", content = @Content(schema = @Schema(implementation = ImportResponse.class)))
    @APIResponse(responseCode = "400", description = "Not a readable workbook, an empty sheet or missing header columns")
    @APIResponse(responseCode = "422", description = "The uploading partner or officer's unit is not known to the platform (yet) or is inactive")
    public Response startXlsx(InputStream xlsx, UriInfo uri) {
        return started(imports.startXlsx(xlsx), uri);
    }

    private static Response started(ImportJob job, UriInfo uri) {
        return Response.accepted(ImportResponse.of(job, List.of()))
                .location(uri.getAbsolutePathBuilder().path(job.id.toString()).build()).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "An import's progress and rejected rows", description = "rows done / total; each rejected row with its line number (1 = header) and reason. A partner sees only its own imports.")
    @APIResponse(responseCode = "200", description = "The import", content = @Content(schema = @Schema(implementation = ImportResponse.class)))
    @APIResponse(responseCode = "404", description = "No such import")
    public ImportResponse get(@PathParam("id") UUID id) {
        return ImportResponse.of(imports.job(id), imports.rejections(id));
    }
}
