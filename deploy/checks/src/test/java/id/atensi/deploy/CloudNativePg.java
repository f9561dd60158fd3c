package id.atensi.deploy;

import java.util.Map;
import java.util.Set;

/** The minimal schemas of the CloudNativePG objects deploy/k8s uses (see {@link MinimalSchema}). */
final class CloudNativePg {
    static final String BARMAN_PLUGIN = "barman-cloud.cloudnative-pg.io";

    private static final Map<String, String> METADATA = Map.of("apiVersion", "string", "kind", "string", "metadata", "object",
            "metadata.name", "string", "metadata.labels", "map", "spec", "object");

    static final MinimalSchema CLUSTER = new MinimalSchema("postgresql.cnpg.io/v1", "Cluster", with(Map.ofEntries(
            Map.entry("spec.instances", "int"), Map.entry("spec.imageName", "string"),
            Map.entry("spec.primaryUpdateStrategy", "enum:unsupervised|supervised"),
            Map.entry("spec.storage", "object"), Map.entry("spec.storage.size", "quantity"), Map.entry("spec.storage.storageClass", "string"),
            Map.entry("spec.resources", "object"), Map.entry("spec.resources.requests", "object"), Map.entry("spec.resources.limits", "object"),
            Map.entry("spec.resources.requests.cpu", "quantity"), Map.entry("spec.resources.requests.memory", "quantity"),
            Map.entry("spec.resources.limits.cpu", "quantity"), Map.entry("spec.resources.limits.memory", "quantity"),
            Map.entry("spec.bootstrap", "object"), Map.entry("spec.bootstrap.initdb", "object"),
            Map.entry("spec.bootstrap.initdb.database", "string"), Map.entry("spec.bootstrap.initdb.owner", "string"),
            Map.entry("spec.plugins", "list"), Map.entry("spec.plugins[].name", "string"),
            Map.entry("spec.plugins[].isWALArchiver", "bool"), Map.entry("spec.plugins[].parameters", "map"),
            Map.entry("spec.postgresql", "object"), Map.entry("spec.postgresql.parameters", "map"))),
            Set.of("metadata.name", "spec.instances", "spec.storage.size", "spec.bootstrap.initdb.database", "spec.bootstrap.initdb.owner"));

    static final MinimalSchema SCHEDULED_BACKUP = new MinimalSchema("postgresql.cnpg.io/v1", "ScheduledBackup", with(Map.ofEntries(
            Map.entry("spec.schedule", "string"), Map.entry("spec.immediate", "bool"),
            Map.entry("spec.backupOwnerReference", "enum:none|self|cluster"),
            Map.entry("spec.cluster", "object"), Map.entry("spec.cluster.name", "string"),
            Map.entry("spec.method", "enum:barmanObjectStore|volumeSnapshot|plugin"),
            Map.entry("spec.pluginConfiguration", "object"), Map.entry("spec.pluginConfiguration.name", "string"))),
            Set.of("metadata.name", "spec.schedule", "spec.cluster.name"));

    static final MinimalSchema OBJECT_STORE = new MinimalSchema("barmancloud.cnpg.io/v1", "ObjectStore", with(Map.ofEntries(
            Map.entry("spec.retentionPolicy", "string"), Map.entry("spec.configuration", "object"),
            Map.entry("spec.configuration.destinationPath", "string"), Map.entry("spec.configuration.endpointURL", "string"),
            Map.entry("spec.configuration.s3Credentials", "object"),
            Map.entry("spec.configuration.s3Credentials.accessKeyId", "object"),
            Map.entry("spec.configuration.s3Credentials.accessKeyId.name", "string"),
            Map.entry("spec.configuration.s3Credentials.accessKeyId.key", "string"),
            Map.entry("spec.configuration.s3Credentials.secretAccessKey", "object"),
            Map.entry("spec.configuration.s3Credentials.secretAccessKey.name", "string"),
            Map.entry("spec.configuration.s3Credentials.secretAccessKey.key", "string"),
            Map.entry("spec.configuration.wal", "object"), Map.entry("spec.configuration.wal.compression", "enum:gzip|bzip2|snappy"),
            Map.entry("spec.configuration.data", "object"), Map.entry("spec.configuration.data.compression", "enum:gzip|bzip2|snappy"))),
            Set.of("metadata.name", "spec.configuration.destinationPath",
                    "spec.configuration.s3Credentials.accessKeyId.name", "spec.configuration.s3Credentials.accessKeyId.key",
                    "spec.configuration.s3Credentials.secretAccessKey.name", "spec.configuration.s3Credentials.secretAccessKey.key"));

    static final Map<String, MinimalSchema> BY_KIND = Map.of("Cluster", CLUSTER, "ScheduledBackup", SCHEDULED_BACKUP,
            "ObjectStore", OBJECT_STORE);

    private CloudNativePg() {
    }

    private static Map<String, String> with(Map<String, String> spec) {
        Map<String, String> all = new java.util.HashMap<>(METADATA);
        all.putAll(spec);
        return Map.copyOf(all);
    }
}
