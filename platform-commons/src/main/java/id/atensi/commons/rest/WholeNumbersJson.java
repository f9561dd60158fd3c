package id.atensi.commons.rest;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * A fraction sent for a whole-number field (a quantity, a sum in rupiah) is refused with 400 naming the field.
 * Jackson's default would cut {@code 1500.75} to {@code 1500} and store a figure the client never sent.
 */
@Singleton
public class WholeNumbersJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    }
}
