package id.atensi.commons.rest;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A query parameter whose value its type cannot take ({@code ?page=two}, {@code ?status=OPENED}, a malformed id or
 * date-time) is refused with 400 naming the parameter and what it takes. JAX-RS would answer such a request 404, as if
 * the resource did not exist, which sends a client looking for the wrong mistake. Runs after matching and before the
 * parameters are converted, on the types the resource method declares; other types are left to their converters.
 */
public class QueryParameterTypes {

    private final Map<Method, Map<String, Class<?>>> typesByMethod = new ConcurrentHashMap<>();

    @ServerRequestFilter
    public void refuseValuesOfTheWrongType(ContainerRequestContext request, ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return;
        }
        Map<String, Class<?>> types = typesByMethod.computeIfAbsent(method, QueryParameterTypes::declaredTypes);
        if (types.isEmpty()) {
            return;
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        Map<String, List<String>> query = request.getUriInfo().getQueryParameters();
        types.forEach((name, type) -> {
            // A single-valued parameter is bound from the first value; an empty one counts as absent.
            List<String> values = query.getOrDefault(name, List.of());
            String refusal = values.isEmpty() || values.get(0).isEmpty() ? null : refusal(type, values.get(0));
            if (refusal != null) {
                errors.add(new Problem.FieldError(name, refusal));
            }
        });
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparing(Problem.FieldError::field));
            throw new ProblemException(ProblemCode.VALIDATION, "the request has invalid parameters", errors, Map.of());
        }
    }

    static Map<String, Class<?>> declaredTypes(Method method) {
        Map<String, Class<?>> types = new HashMap<>();
        for (Parameter parameter : method.getParameters()) {
            QueryParam query = parameter.getAnnotation(QueryParam.class);
            if (query != null) {
                types.put(query.value(), parameter.getType());
            } else if (parameter.isAnnotationPresent(BeanParam.class)) {
                types.putAll(beanQueryParameters(parameter.getType()));
            }
        }
        return Map.copyOf(types);
    }

    /** JAX-RS binds a bean's fields whatever their visibility, and the fields its superclasses declare. */
    private static Map<String, Class<?>> beanQueryParameters(Class<?> bean) {
        Map<String, Class<?>> types = new HashMap<>();
        for (Class<?> declaring = bean; declaring != null && declaring != Object.class; declaring = declaring.getSuperclass()) {
            for (Field field : declaring.getDeclaredFields()) {
                QueryParam inBean = field.getAnnotation(QueryParam.class);
                if (inBean != null) {
                    types.putIfAbsent(inBean.value(), field.getType());
                }
            }
        }
        return types;
    }

    /** Why {@code value} cannot be read as {@code type}, or null when it can or the type is not one checked here. */
    static String refusal(Class<?> type, String value) {
        if (type.isEnum()) {
            List<String> names = Arrays.stream(type.getEnumConstants()).map(constant -> ((Enum<?>) constant).name()).toList();
            return names.contains(value) ? null : "must be one of " + String.join(", ", names);
        }
        try {
            if (type == int.class || type == Integer.class) {
                Integer.parseInt(value);
            } else if (type == long.class || type == Long.class) {
                Long.parseLong(value);
            } else if (type == UUID.class) {
                UUID.fromString(value);
            } else if (type == OffsetDateTime.class) {
                OffsetDateTime.parse(value);
            } else if (type == LocalDate.class) {
                LocalDate.parse(value);
            }
            return null;
        } catch (IllegalArgumentException | DateTimeParseException e) {
            // UUID.fromString throws NumberFormatException too, so the message goes by the type, not the exception.
            if (type == int.class || type == Integer.class) {
                return "must be a whole number between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE;
            }
            if (type == long.class || type == Long.class) {
                return "must be a whole number between " + Long.MIN_VALUE + " and " + Long.MAX_VALUE;
            }
            if (type == UUID.class) {
                return "must be a UUID";
            }
            return type == LocalDate.class ? "must be a date, YYYY-MM-DD"
                    : "must be a date-time with its offset, e.g. 2026-03-31T01:00:00Z (a + in the offset written %2B)";
        }
    }
}
