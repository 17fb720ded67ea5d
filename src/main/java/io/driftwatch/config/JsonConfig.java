package io.driftwatch.config;

import java.io.IOException;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;

import io.driftwatch.event.BehaviourKind;
import io.driftwatch.event.EventType;
import io.quarkus.jackson.ObjectMapperCustomizer;

/** Writes and reads the vocabulary's enums as the contract spells them ({@code "process"}, {@code "api-operation"}). */
@Singleton
public class JsonConfig implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        SimpleModule contract = new SimpleModule("driftwatch-contract");
        contract.addSerializer(EventType.class, new JsonSerializer<>() {
            @Override
            public void serialize(EventType value, JsonGenerator gen, SerializerProvider p) throws IOException {
                gen.writeString(value.json());
            }
        });
        contract.addSerializer(BehaviourKind.class, new JsonSerializer<>() {
            @Override
            public void serialize(BehaviourKind value, JsonGenerator gen, SerializerProvider p) throws IOException {
                gen.writeString(value.json());
            }
        });
        contract.addDeserializer(EventType.class, new JsonDeserializer<>() {
            @Override
            public EventType deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                return EventType.fromJson(p.getValueAsString());
            }
        });
        contract.addDeserializer(BehaviourKind.class, new JsonDeserializer<>() {
            @Override
            public BehaviourKind deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                return BehaviourKind.fromJson(p.getValueAsString());
            }
        });
        mapper.registerModule(contract);
    }
}
