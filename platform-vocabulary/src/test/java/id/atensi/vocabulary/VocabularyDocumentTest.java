package id.atensi.vocabulary;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** docs/vocabulary.md lists every value of every vocabulary with its Indonesian term, in the code's order, and nothing else. */
class VocabularyDocumentTest {

    private static final List<Class<? extends Enum<?>>> VOCABULARIES =
            List.of(Cluster.class, AtensiService.class, DisabilityType.class, FundingSourceKind.class, PartnerType.class,
                    ConsentPurpose.class);
    private static final Pattern SECTION = Pattern.compile("^## .* — `([A-Za-z]+)`$");
    private static final Pattern ROW = Pattern.compile("^\\| `([A-Z_]+)` \\| (.+) \\|$");

    @Test
    void theVocabularyPageListsEveryValueWithItsIndonesianTerm() throws Exception {
        Path page = Path.of(System.getProperty("atensi.repository.root", "..")).resolve("docs/vocabulary.md");
        List<String> documented = new ArrayList<>();
        String section = null;
        for (String line : Files.readAllLines(page)) {
            Matcher heading = SECTION.matcher(line);
            Matcher row = ROW.matcher(line);
            if (heading.matches()) {
                section = heading.group(1);
            } else if (row.matches()) {
                documented.add(section + "." + row.group(1) + " = " + row.group(2));
            }
        }
        List<String> defined = new ArrayList<>();
        for (Class<? extends Enum<?>> vocabulary : VOCABULARIES) {
            for (Enum<?> value : vocabulary.getEnumConstants()) {
                defined.add(vocabulary.getSimpleName() + "." + value.name() + " = " + ((Term) value).indonesian());
            }
        }
        assertEquals(String.join("\n", defined), String.join("\n", documented), page + " and the code disagree");
    }
}
