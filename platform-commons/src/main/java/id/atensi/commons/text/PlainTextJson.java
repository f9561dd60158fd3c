package id.atensi.commons.text;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/** Installs {@link PlainTextDeserializer} into the ObjectMapper that reads every service's request bodies. */
@Singleton
public class PlainTextJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("atensi-plain-text").addDeserializer(String.class, new PlainTextDeserializer()));
    }
}
