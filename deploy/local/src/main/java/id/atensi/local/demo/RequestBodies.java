package id.atensi.local.demo;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

/** Request bodies written as name-value pairs, as the stories' API calls read best. */
final class RequestBodies {

    private RequestBodies() {
    }

    /** An object of name, value pairs; a value is a String, a number, a boolean, a JSON value or null (left out). */
    static JsonObject object(Object... pairs) {
        JsonObjectBuilder object = Json.createObjectBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            String name = (String) pairs[i];
            Object value = pairs[i + 1];
            if (value == null) {
                continue;
            }
            if (value instanceof String text) {
                object.add(name, text);
            } else if (value instanceof Integer number) {
                object.add(name, number);
            } else if (value instanceof Long number) {
                object.add(name, number);
            } else if (value instanceof Double number) {
                object.add(name, number);
            } else if (value instanceof Boolean flag) {
                object.add(name, flag);
            } else if (value instanceof JsonValue json) {
                object.add(name, json);
            } else {
                throw new IllegalArgumentException("no JSON for " + value.getClass());
            }
        }
        return object.build();
    }

    static JsonArray array(String... values) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        for (String value : values) {
            array.add(value);
        }
        return array.build();
    }
}
