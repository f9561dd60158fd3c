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
 * permission could refuse: every permission must use {@code permit} or one and the same roles-allowed policy.
 * Any other shape (a second roles policy, {@code deny}, {@code authenticated}, a custom policy) leaves nothing to
 * skip, and every request goes through Quarkus' check as before.
 */
public final class PlatformPermissions {

    private static final Logger LOG = Logger.getLogger(PlatformPermissions.class);

    private static final Pattern PERMISSION_POLICY = Pattern.compile("(?:%[^.]+\\.)?(quarkus\\.http\\.auth\\.permission\\.(?:\"[^\"]+\"|[^.\"]+)\\.policy)");

    private PlatformPermissions() {
    }

    /** The roles every permission admits on every path and method; empty when the permissions do not reduce to one roles policy. */
    public static Set<String> rolesAdmittedEverywhere(Config config) {
        Set<String> policies = new HashSet<>();
        for (String name : config.getPropertyNames()) {
            Matcher matcher = PERMISSION_POLICY.matcher(name);
            if (matcher.matches()) {
                // A profile's property is read back under its plain name: absent unless that profile is active.
                config.getOptionalValue(matcher.group(1), String.class).ifPresent(policies::add);
            }
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
