package io.driftwatch.engine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.driftwatch.event.ApiRate;
import io.driftwatch.event.BehaviourKind;
import io.driftwatch.event.ConfigDrift;
import io.driftwatch.event.Event;
import io.driftwatch.event.Novelty;
import io.driftwatch.event.ResourceSample;

/**
 * The deviation facts of a shard's working memory as bytes for its checkpoint, and back. Re-inserted into a fresh
 * session at restart, they let CEP windows and correlations that straddle the restart still match (a second
 * novelty within the window of one seen before the crash, a resource run that began before it).
 * <p>
 * Format: one version byte, then the DEFLATE-compressed (zlib, so corruption fails its checksum) UTF-8 JSON array
 * of the facts in order, each an object whose {@code type} names its class. A fact is written as its constructor's
 * arguments, not its getters, so what a constructor derives (the timestamp from the event, a drift's agent) is
 * derived again on decode exactly as when the fact was made. The mapper is this class's own: enums are written by
 * {@code name()} (not the API's {@code json()} spelling) and times as ISO-8601 with nanoseconds, whatever the
 * service's REST mapper does.
 * <p>
 * Numbers in the free-form maps ({@link Event.Config#before()}/{@link Event.Config#after()} and a drift's
 * attributes) come back as Jackson reads untyped JSON: a whole number as Integer when it fits, else Long, else
 * BigInteger; a decimal as Double. Every producer of those maps follows that convention already (ingest reads
 * them with Jackson, drift items count in ints), so decoded facts equal the originals. A Long that fits an int,
 * a Short or a Float would come back as Integer or Double: equal by {@code intValue()}/{@code doubleValue()},
 * which is how ConfigDrift reads numbers, but not by {@code equals}. Typed fields (Long pid, Integer port,
 * Double cpu, the facts' doubles) keep their declared types.
 */
final class FactCodec {

    static final int VERSION = 1;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // reading on to the end makes the inflater check the zlib checksum of a checkpoint of any size
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final TypeReference<List<Fact>> FACTS = new TypeReference<>() {
    };

    private FactCodec() {
    }

    /** @throws IllegalArgumentException for a null fact or one of a class a checkpoint does not hold */
    static byte[] encode(List<Object> facts) {
        List<Fact> data = new ArrayList<>(facts.size());
        for (Object fact : facts) {
            data.add(Fact.of(fact));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(VERSION);
        try (OutputStream out = new DeflaterOutputStream(bytes)) {
            JSON.writerFor(FACTS).writeValue(out, data);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // only the mapper can fail here: memory streams do not
        }
        return bytes.toByteArray();
    }

    /** @throws IllegalArgumentException when the data is empty, of another version, or corrupt */
    static List<Object> decode(byte[] data) {
        if (data == null || data.length == 0) {
            throw new IllegalArgumentException("empty fact checkpoint");
        }
        int version = data[0] & 0xff;
        if (version != VERSION) {
            throw new IllegalArgumentException("unknown fact checkpoint version " + version + " (this build reads version "
                    + VERSION + ")");
        }
        try (InputStream in = new InflaterInputStream(new ByteArrayInputStream(data, 1, data.length - 1))) {
            return JSON.readValue(in, FACTS).stream().map(Fact::toFact).toList();
        } catch (IOException e) {
            throw new IllegalArgumentException("corrupt fact checkpoint: " + e.getMessage(), e);
        }
    }

    /** One fact as its constructor's arguments. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = NoveltyData.class, name = "novelty"),
            @JsonSubTypes.Type(value = ResourceSampleData.class, name = "resource-sample"),
            @JsonSubTypes.Type(value = ApiRateData.class, name = "api-rate"),
            @JsonSubTypes.Type(value = ConfigDriftData.class, name = "config-drift")})
    private sealed interface Fact permits NoveltyData, ResourceSampleData, ApiRateData, ConfigDriftData {

        Object toFact();

        static Fact of(Object fact) {
            if (fact instanceof Novelty n) {
                return new NoveltyData(n.getAgentId(), n.getKind(), n.getKey(), n.getStatus(), n.getEvent(), n.getGroups(),
                        n.getHourlyAverage(), n.getKnownCount());
            }
            if (fact instanceof ResourceSample s) {
                return new ResourceSampleData(s.getAgentId(), s.getMetric(), s.getValue(), s.getP99(), s.getStartTime(),
                        s.getRunId(), s.getEvent());
            }
            if (fact instanceof ApiRate r) {
                return new ApiRateData(r.getAgentId(), r.getPrincipal(), r.getCallsLastHour(), r.getHourlyAverage(),
                        r.getHourlyP99(), r.getEvent());
            }
            if (fact instanceof ConfigDrift d) {
                return new ConfigDriftData(d.getEvent(), d.getObjectKind(), d.getObjectId(), d.getNamespace(),
                        d.getAspect(), d.getKey(), d.getApproved(), d.getObserved(), d.getAttributes(),
                        d.getApprovedAttributes());
            }
            throw new IllegalArgumentException("a fact checkpoint holds Novelty, ResourceSample, ApiRate and ConfigDrift,"
                    + " not " + (fact == null ? "null" : fact.getClass().getName()));
        }
    }

    private record NoveltyData(String agentId, BehaviourKind kind, String key, Novelty.Status status, Event event,
                               Set<String> groups, double hourlyAverage, int knownCount) implements Fact {
        @Override
        public Object toFact() {
            return new Novelty(agentId, kind, key, status, event, groups, hourlyAverage, knownCount);
        }
    }

    private record ResourceSampleData(String agentId, String metric, double value, double p99, long startTime,
                                      long runId, Event event) implements Fact {
        @Override
        public Object toFact() {
            return new ResourceSample(agentId, metric, value, p99, startTime, runId, event);
        }
    }

    private record ApiRateData(String agentId, String principal, long callsLastHour, double hourlyAverage,
                               double hourlyP99, Event event) implements Fact {
        @Override
        public Object toFact() {
            return new ApiRate(agentId, principal, callsLastHour, hourlyAverage, hourlyP99, event);
        }
    }

    private record ConfigDriftData(Event event, String objectKind, String objectId, String namespace, String aspect,
                                   String key, String approved, String observed, Map<String, Object> attributes,
                                   Map<String, Object> approvedAttributes) implements Fact {
        @Override
        public Object toFact() {
            return new ConfigDrift(event, objectKind, objectId, namespace, aspect, key, approved, observed, attributes,
                    approvedAttributes);
        }
    }
}
