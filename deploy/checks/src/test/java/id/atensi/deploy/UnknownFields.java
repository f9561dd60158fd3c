package id.atensi.deploy;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * fabric8 and Strimzi models keep unknown properties in an {@code additionalProperties} map (a Jackson any-setter), so
 * {@code FAIL_ON_UNKNOWN_PROPERTIES} alone never fires for them. This walks a parsed object and lists every
 * non-empty {@code additionalProperties}, with its path: a typo ({@code readinesProbe}) or a misplaced field shows up here.
 */
final class UnknownFields {
    private UnknownFields() {
    }

    static List<String> of(Object model) {
        List<String> found = new ArrayList<>();
        walk(model, "", found, Collections.newSetFromMap(new IdentityHashMap<>()), 0);
        return found;
    }

    private static void walk(Object o, String path, List<String> found, Set<Object> seen, int depth) {
        if (o == null || depth > 60 || o instanceof CharSequence || o instanceof Number || o instanceof Boolean
                || o instanceof Enum<?> || o.getClass().isPrimitive()) {
            return;
        }
        if (o instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(v, path + "." + k, found, seen, depth + 1));
            return;
        }
        if (o instanceof Collection<?> list) {
            int i = 0;
            for (Object element : list) {
                walk(element, path + "[" + i++ + "]", found, seen, depth + 1);
            }
            return;
        }
        String pkg = o.getClass().getPackageName();
        if (!pkg.startsWith("io.fabric8") && !pkg.startsWith("io.strimzi") || !seen.add(o)) {
            return; // another library's type, or an object reached by a second getter (Strimzi has aliases)
        }
        for (Method m : o.getClass().getMethods()) {
            if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers()) || m.getDeclaringClass() == Object.class) {
                continue;
            }
            String name = m.getName();
            if (!name.startsWith("get") || name.length() < 4) {
                continue;
            }
            Object value;
            try {
                value = m.invoke(o);
            } catch (ReflectiveOperationException | RuntimeException e) {
                continue;
            }
            if (name.equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    found.add((path.isEmpty() ? "." : path) + " has unknown field(s) " + extra.keySet());
                }
                continue;
            }
            walk(value, path + "." + Character.toLowerCase(name.charAt(3)) + name.substring(4), found, seen, depth + 1);
        }
    }
}
