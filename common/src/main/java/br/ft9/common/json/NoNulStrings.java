package br.ft9.common.json;

import java.io.IOException;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Refuses a NUL character (U+0000) in any text of a request body: PostgreSQL's text cannot hold one, so it would fail
 * the write with a server error; the request gets a 400 naming the field instead (see ProblemMappers).
 */
@Singleton
public class NoNulStrings implements ObjectMapperCustomizer {

    /** The detail a refusal carries, after the field's name. */
    public static final String NUL = "contains a NUL character (U+0000), which no text may hold";

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("ft9-no-nul-strings").addDeserializer(String.class, new Deserializer()));
    }

    /** Jackson's own string reading, then the check. */
    static final class Deserializer extends StringDeserializer {
        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = super.deserialize(parser, context);
            if (value != null && value.indexOf('\u0000') >= 0) {
                throw InvalidFormatException.from(parser, NUL, value, String.class);
            }
            return value;
        }
    }
}
