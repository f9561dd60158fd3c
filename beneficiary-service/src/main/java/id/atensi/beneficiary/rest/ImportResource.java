package id.atensi.beneficiary.rest;

import id.atensi.beneficiary.domain.ImportJob;
import id.atensi.beneficiary.service.ImportService;
import id.atensi.beneficiary.service.RequestId;
import id.atensi.commons.paging.Page;
import id.atensi.commons.paging.PageRequest;
import id.atensi.commons.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
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
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.InputStream;
import java.util.UUID;

@Path(ImportResource.PATH)
@Tag(name = "Imports", description = "Bulk registration of people from a CSV, XLSX or JSON-lines file, as a job with progress")
@SecurityRequirement(name = "bearerAuth")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.OFFICER, Roles.PARTNER})
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The role does not allow this")
public class ImportResource {

    static final String PATH = "/api/v1/beneficiary-imports";
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String JSON_LINES = "application/x-ndjson";
    private static final String HOW = " The file is spooled as it arrives and its header checked before anything is"
            + " registered; the rows are then registered in chunks, each in one transaction with its events and timeline"
            + " entries, so a chunk is registered whole or not at all, and a job whose worker died resumes after its last"
            + " committed chunk. A NIK registered already counts as unchanged (uploading the same file again changes"
            + " nothing); a NIK twice in the file registers the first and rejects the others. A bad row (NIK rules,"
            + " unknown region code, control characters, a name over 200 characters, …) is rejected with its line and"
            + " field and costs no other row. Poll the Location for progress.";

    private final ImportService imports;
    private final RequestId requestId;

    ImportResource(ImportService imports, RequestId requestId) {
        this.imports = imports;
        this.requestId = requestId;
    }

    @POST
    @Consumes("text/csv")
    @Operation(summary = "Start an import from CSV", description = "UTF-8 CSV with a header row naming columns from: fullName, nik,"
            + " birthDate (yyyy-MM-dd), sex (MALE/FEMALE) (these four required), kkNumber, birthPlace, provinceCode, regencyCode,"
            + " districtCode, villageCode, addressLine, phone, welfareId, clusters (;-separated); any order, no others." + HOW)
    @RequestBody(content = @Content(mediaType = "text/csv", examples = @ExampleObject(name = "two people",
            value = "fullName,nik,birthDate,sex,provinceCode,regencyCode\nSiti Aminah,3201014508900001,1990-08-05,FEMALE,32,32.01\n")))
    @APIResponse(responseCode = "202", description = "Started", content = @Content(schema = @Schema(implementation = ImportResponse.class)))
    @APIResponse(responseCode = "400", description = "Empty file, or a header with missing, unknown or repeated columns: nothing registered")
    @APIResponse(responseCode = "413", description = "The file is larger than atensi.beneficiary.imports.max-file-size (refused before it is read when it declares its length)")
    @APIResponse(responseCode = "422", description = "The uploading partner or officer's unit is not known to the platform (yet) or is inactive")
    public Response start(InputStream csv, UriInfo uri) {
        return started(ImportJob.Format.CSV, csv, uri);
    }

    @POST
    @Consumes(XLSX)
    @Operation(summary = "Start an import from an XLSX workbook", description = "The first sheet, with the same header row, columns"
            + " and rules as the CSV import; rejections name the spreadsheet's row numbers (1 = header). Type NIK and KK numbers"
            + " as text: a spreadsheet keeps only 15 digits of a number." + HOW)
    @APIResponse(responseCode = "202", description = "Started", content = @Content(schema = @Schema(implementation = ImportResponse.class)))
    @APIResponse(responseCode = "400", description = "Not a readable workbook, an empty sheet, or a header with missing, unknown or repeated columns")
    @APIResponse(responseCode = "413", description = "The file is larger than atensi.beneficiary.imports.max-file-size")
    @APIResponse(responseCode = "422", description = "The uploading partner or officer's unit is not known to the platform (yet) or is inactive")
    public Response startXlsx(InputStream xlsx, UriInfo uri) {
        return started(ImportJob.Format.XLSX, xlsx, uri);
    }

    @POST
    @Consumes(JSON_LINES)
    @Operation(summary = "Start an import from JSON lines (partner systems)", description = "UTF-8, one JSON object per line"
            + " with the CSV columns as fields (fullName, nik, birthDate, sex required; clusters a list or ;-separated text);"
            + " line 1 is the first record. A first record with an unknown field refuses the file; a later one rejects its"
            + " line." + HOW)
    @RequestBody(content = @Content(mediaType = JSON_LINES, examples = @ExampleObject(name = "one person",
            value = "{\"fullName\":\"Siti Aminah\",\"nik\":\"3201014508900001\",\"birthDate\":\"1990-08-05\",\"sex\":\"FEMALE\",\"clusters\":[\"ELDERLY\"]}\n")))
    @APIResponse(responseCode = "202", description = "Started", content = @Content(schema = @Schema(implementation = ImportResponse.class)))
    @APIResponse(responseCode = "400", description = "Empty file, a first line that is no JSON object, or one with unknown fields")
    @APIResponse(responseCode = "413", description = "The file is larger than atensi.beneficiary.imports.max-file-size")
    @APIResponse(responseCode = "422", description = "The uploading partner or officer's unit is not known to the platform (yet) or is inactive")
    public Response startJsonLines(InputStream lines, UriInfo uri) {
        return started(ImportJob.Format.JSONL, lines, uri);
    }

    private Response started(ImportJob.Format format, InputStream body, UriInfo uri) {
        ImportJob job;
        try {
            job = imports.start(format, body);
        } catch (ImportService.FileTooLarge e) {
            return ImportSizeLimit.tooLarge(imports.maxFileSize(), uri.getPath(), requestId.value());
        }
        return Response.accepted(ImportResponse.of(job, false, java.util.List.of()))
                .location(uri.getAbsolutePathBuilder().path(job.id.toString()).build()).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "An import's progress and its first rejected rows", description = "rows done / total, chunks committed,"
            + " whether it is stalled; the first 200 rejected rows with line (1 = header), field and reason. A partner sees only its own imports.")
    @APIResponse(responseCode = "200", description = "The import", content = @Content(schema = @Schema(implementation = ImportResponse.class)))
    @APIResponse(responseCode = "404", description = "No such import")
    public ImportResponse get(@PathParam("id") UUID id) {
        ImportJob job = imports.job(id);
        return ImportResponse.of(job, imports.stalled(job), imports.firstRejections(id));
    }

    @GET
    @Path("/{id}/rejections")
    @Operation(summary = "An import's rejected rows", description = "Every rejected row by line, a page at a time.")
    @APIResponse(responseCode = "200", description = "One page of rejected rows")
    @APIResponse(responseCode = "400", description = "page or size out of range")
    @APIResponse(responseCode = "404", description = "No such import")
    public Page<ImportResponse.RejectedRow> rejections(@PathParam("id") UUID id, @BeanParam @Valid PageRequest page) {
        return imports.rejections(id, page.page, page.size).map(ImportResponse.RejectedRow::of);
    }
}
