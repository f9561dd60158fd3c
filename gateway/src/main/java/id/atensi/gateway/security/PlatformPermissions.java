package id.atensi.gateway.security;

import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The roles that {@code quarkus.http.auth.permission.*} lets through on every path, read from the same
 * configuration Quarkus' permission check reads. {@link id.atensi.gateway.routing.KnownTokenForwarding} forwards a
 * request without that check only for an identity holding one of them, so it may only claim roles that no
 * permission could refuse: every permission must use {@code permit} or one and the same roles-allowed policy, on
 * every method and with any mechanism. Any other shape (a second roles policy, {@code deny}, {@code authenticated}, a
 * custom policy, a permission limited to some methods — Quarkus then denies the path's other methods — or to one
 * authentication mechanism) leaves nothing to skip, and every request goes through Quarkus' check as before.
 */
public final class PlatformPermissions {

    private static final Logger LOG = Logger.getLogger(PlatformPermissions.class);

    private static final String ENVIRONMENT_PERMISSION = "QUARKUS_HTTP_AUTH_PERMISSION_";
    private static final Pattern PERMISSION_SETTING = Pattern.compile(
            "(?:%[^.]+\\.)?(quarkus\\.http\\.auth\\.permission\\.(?:\"[^\"]+\"|[^.\"]+)\\.(policy|methods|auth-mechanism))");

    private PlatformPermissions() {
    }

    /** The roles every permission admits on every path and method; empty when the permissions do not reduce to one roles policy. */
    public static Set<String> rolesAdmittedEverywhere(Config config) {
        Set<String> policies = new HashSet<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(ENVIRONMENT_PERMISSION)) {
                // an environment variable's name cannot say where a quoted permission name ends: not read, so not skipped
                LOG.infof("%s is set: every request goes through Quarkus' permission check", name);
                return Set.of();
            }
            Matcher matcher = PERMISSION_SETTING.matcher(name);
            if (!matcher.matches()) {
                continue;
            }
            // A profile's property is read back under its plain name: absent unless that profile is active.
            Optional<String> value = config.getOptionalValue(matcher.group(1), String.class);
            if (value.isEmpty()) {
                continue;
            }
            if (!matcher.group(2).equals("policy")) {
                LOG.infof("%s is set: every request goes through Quarkus' permission check", matcher.group(1));
                return Set.of();
            }
            policies.add(value.get());
        }
        policies.remove("permit");
        if (policies.size() != 1) {
            LOG.infof("Permission policies %s: every request goes through Quarkus' permission check", policies);
            return Set.of();
        }
        String policy = policies.iterator().next();
        Optional<List<String>> roles = config.getOptionalValues("quarkus.http.auth.policy." + policy + ".roles-allowed", String.class);
        if (roles.isEmpty() || roles.get().contains("**") || roles.get().contains("*")) {
            LOG.infof("Permission policy %s is not a plain roles-allowed policy: every request goes through Quarkus' permission check", policy);
            return Set.of();
        }
        return Set.copyOf(roles.get());
    }
}
