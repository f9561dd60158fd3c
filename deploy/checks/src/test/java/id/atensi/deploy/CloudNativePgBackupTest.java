package id.atensi.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * prod backs up every PostgreSQL cluster through the Barman Cloud plugin: WAL archiving to one {@code ObjectStore}
 * (credentials from a Secret, a retention policy) and a daily {@code ScheduledBackup} per cluster. base and dev
 * declare none: they have no object store to write to.
 */
class CloudNativePgBackupTest {
    private static final List<ObjectNode> PROD = Kustomize.render("overlays/prod");

    @Test
    void everyBackupObjectMatchesItsMinimalSchema() {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (String kind : List.of("ScheduledBackup", "ObjectStore")) {
            for (ObjectNode o : Objects.ofKind(PROD, kind)) {
                CloudNativePg.BY_KIND.get(kind).validate(o).forEach(p -> problems.add(Objects.id(o) + ": " + p));
                checked++;
            }
        }
        assertEquals(List.of(), problems);
        assertEquals(Objects.ofKind(PROD, "Cluster").size() + 1, checked, "a ScheduledBackup per cluster and one ObjectStore");
    }

    @Test
    void theObjectStoreTakesItsCredentialsFromASecretAndKeepsARecoveryWindow() {
        List<ObjectNode> stores = Objects.ofKind(PROD, "ObjectStore");
        assertEquals(1, stores.size(), "one ObjectStore");
        JsonNode spec = stores.get(0).path("spec");
        assertTrue(spec.path("retentionPolicy").asText().matches("[1-9]\\d*[dwm]"), "retentionPolicy <n>d|w|m: " + spec.path("retentionPolicy"));
        assertTrue(spec.path("configuration").path("destinationPath").asText().matches("(s3|gs|https)://.+"), "destinationPath is a bucket URL");
        JsonNode credentials = spec.path("configuration").path("s3Credentials");
        for (String field : List.of("accessKeyId", "secretAccessKey")) {
            assertEquals(List.of("key", "name"), fieldNames(credentials.path(field)), field + ": a Secret reference (name, key), never a value");
        }
    }

    @Test
    void everyClusterArchivesItsWalToTheObjectStoreAndHasOneDailyBaseBackup() {
        String store = Objects.ofKind(PROD, "ObjectStore").get(0).path("metadata").path("name").asText();
        Map<String, Integer> schedules = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (ObjectNode b : Objects.ofKind(PROD, "ScheduledBackup")) {
            JsonNode spec = b.path("spec");
            schedules.merge(spec.path("cluster").path("name").asText(), 1, Integer::sum);
            if (!spec.path("method").asText().equals("plugin")
                    || !spec.path("pluginConfiguration").path("name").asText().equals(CloudNativePg.BARMAN_PLUGIN)) {
                problems.add(Objects.id(b) + ": method plugin through " + CloudNativePg.BARMAN_PLUGIN);
            }
            // Six fields, seconds first, and a fixed hour: once a day.
            if (!spec.path("schedule").asText().matches("\\d+ \\d+ \\d+ \\* \\* \\*")) {
                problems.add(Objects.id(b) + ": a daily schedule 's m h * * *', got " + spec.path("schedule"));
            }
        }
        for (ObjectNode c : Objects.ofKind(PROD, "Cluster")) {
            String name = c.path("metadata").path("name").asText();
            boolean archives = false;
            for (JsonNode plugin : c.path("spec").path("plugins")) {
                archives |= plugin.path("name").asText().equals(CloudNativePg.BARMAN_PLUGIN) && plugin.path("isWALArchiver").asBoolean()
                        && plugin.path("parameters").path("barmanObjectName").asText().equals(store);
            }
            if (!archives) {
                problems.add(Objects.id(c) + ": WAL archiving through " + CloudNativePg.BARMAN_PLUGIN + " to " + store);
            }
            if (schedules.getOrDefault(name, 0) != 1) {
                problems.add(Objects.id(c) + ": exactly one ScheduledBackup, found " + schedules.getOrDefault(name, 0));
            }
            schedules.remove(name);
        }
        assertEquals(List.of(), problems);
        assertEquals(Map.of(), schedules, "ScheduledBackups of clusters that do not exist");
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev"})
    void withoutAnObjectStoreThereIsNoBackupObject(String target) {
        List<ObjectNode> objects = Kustomize.render(target);
        assertEquals(List.of(), objects.stream().filter(o -> List.of("ScheduledBackup", "ObjectStore").contains(o.path("kind").asText())
                || o.path("spec").has("plugins")).map(Objects::id).toList());
    }

    @Test
    void theSchemaRejectsAMisspeltFieldAndALiteralCredential() {
        ObjectNode backup = Objects.ofKind(PROD, "ScheduledBackup").get(0).deepCopy();
        ((ObjectNode) backup.path("spec")).put("schedul", "0 0 2 * * *");
        List<String> problems = CloudNativePg.SCHEDULED_BACKUP.validate(backup);
        assertTrue(problems.size() == 1 && problems.get(0).startsWith("spec.schedul:"), problems.toString());
        ObjectNode store = Objects.ofKind(PROD, "ObjectStore").get(0).deepCopy();
        ((ObjectNode) store.path("spec").path("configuration").path("s3Credentials").path("secretAccessKey")).put("value", "s3cr3t");
        problems = CloudNativePg.OBJECT_STORE.validate(store);
        assertTrue(problems.size() == 1 && problems.get(0).startsWith("spec.configuration.s3Credentials.secretAccessKey.value:"), problems.toString());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names.stream().sorted().toList();
    }
}
