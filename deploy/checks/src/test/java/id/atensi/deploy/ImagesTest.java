package id.atensi.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * Image names and tags come from the parent pom ({@code atensi.image.group}, {@code atensi.image.tag}, passed in by
 * surefire as Maven resolved them): the image build, Kustomize and Compose must all say the same.
 */
class ImagesTest {
    static final List<String> TARGETS = Kustomize.TARGETS;

    static String group() {
        return required("atensi.image.group");
    }

    static String tag() {
        return required("atensi.image.tag");
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        assertNotNull(value, property + " is not set: run the checks through Maven (surefire passes the parent pom's value)");
        return value;
    }

    private static String image(String app) {
        return group() + "/" + app + ":" + tag();
    }

    private static Document pom(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    private static String xpath(Document doc, String expression) throws Exception {
        return XPathFactory.newInstance().newXPath().evaluate(expression, doc).strip();
    }

    @Test
    void theTagIsPinnedAndNotLatest() {
        assertTrue(tag().matches("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}") && !tag().equals("latest"), "atensi.image.tag: " + tag());
        assertTrue(group().matches("[a-z0-9.:/_-]+") && !group().endsWith("/"), "atensi.image.group: " + group());
    }

    @Test
    void theParentPomBuildsEachAppImageUnderThatNameOnlyWhenAsked() throws Exception {
        Document parent = pom(Repo.root().resolve("pom.xml"));
        String profile = "/project/profiles/profile[id='container-images']";
        assertEquals("atensi.images", xpath(parent, profile + "/activation/property/name"), "opt-in: -Datensi.images");
        assertEquals("${basedir}/src/main/docker/Dockerfile.jvm", xpath(parent, profile + "/activation/file/exists"),
                "only modules with a Dockerfile.jvm");
        NodeList args = (NodeList) XPathFactory.newInstance().newXPath()
                .evaluate(profile + "//exec[@executable='docker']/arg/@value", parent, XPathConstants.NODESET);
        List<String> command = new ArrayList<>();
        for (int i = 0; i < args.getLength(); i++) {
            command.add(args.item(i).getNodeValue());
        }
        assertEquals(List.of("build", "-f", "src/main/docker/Dockerfile.jvm", "-t",
                "${atensi.image.group}/${project.artifactId}:${atensi.image.tag}", "."), command);
        for (String app : Objects.APPS) {
            assertEquals(app, xpath(pom(Repo.root().resolve(app).resolve("pom.xml")), "/project/artifactId"),
                    app + "/pom.xml: the artifactId names the image");
        }
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("TARGETS")
    void everyRenderedDeploymentRunsThePomsImage(String target) {
        List<String> problems = new ArrayList<>();
        for (ObjectNode d : Objects.ofKind(Kustomize.render(target), "Deployment")) {
            String app = d.path("metadata").path("name").asText();
            String image = d.path("spec").path("template").path("spec").path("containers").get(0).path("image").asText();
            if (!image.equals(image(app))) {
                problems.add(Objects.id(d) + ": image " + image + ", the pom says " + image(app));
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void theBaseSetsNameAndTagOnceInItsImagesListAndTheDeploymentsCarryNoTag() {
        ObjectNode k = Yaml.single(Repo.k8s().resolve("base/kustomization.yaml"));
        List<String> problems = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (JsonNode i : k.path("images")) {
            String app = i.path("name").asText().substring(i.path("name").asText().lastIndexOf('/') + 1);
            names.add(app);
            if (!(i.path("newName").asText() + ":" + i.path("newTag").asText()).equals(image(app))) {
                problems.add("base images: " + i + " is not " + image(app));
            }
        }
        assertEquals(Objects.APPS.stream().sorted().toList(), names.stream().sorted().toList(), "one images entry per app");
        for (String app : Objects.APPS) {
            String dir = app.equals("gateway") ? "gateway" : app.replace("-service", "");
            for (ObjectNode raw : Yaml.documents(Repo.k8s().resolve("base/" + dir + "/deployment.yaml"))) {
                String image = raw.path("spec").path("template").path("spec").path("containers").get(0).path("image").asText();
                if (image.contains(":")) {
                    problems.add("base/" + dir + "/deployment.yaml: " + image + " carries a tag (set it in images: only)");
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void composeDefaultsToThePomsImages() throws Exception {
        JsonNode services = Yaml.YAML.readTree(Repo.root().resolve("deploy/compose/docker-compose.yml").toFile()).path("services");
        List<String> problems = new ArrayList<>();
        for (String app : Objects.APPS) {
            String expected = "${ATENSI_IMAGE_GROUP:-" + group() + "}/" + app + ":${ATENSI_TAG:-" + tag() + "}";
            String actual = services.path(app).path("image").asText();
            if (!actual.equals(expected)) {
                problems.add(app + ": image " + actual + ", expected " + expected);
            }
        }
        assertEquals(List.of(), problems);
        assertFalse(services.toString().contains(":latest"), "no latest tag in Compose");
    }
}
