package io.driftwatch.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.driftwatch.event.Event;

/** A journaled batch as bytes: the events in their JSON contract, deflated. */
final class JournalCodec {

    private static final TypeReference<List<Event>> EVENTS = new TypeReference<>() { };

    private final ObjectMapper json;

    JournalCodec(ObjectMapper json) {
        this.json = json;
    }

    byte[] encode(List<Event> events) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(events.size() * 64);
        // the fastest level: it is on the request's path, and still shrinks the journal about sevenfold
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try (OutputStream out = new DeflaterOutputStream(bytes, deflater, 64 * 1024)) {
            json.writeValue(out, events);
        } catch (IOException e) {
            throw new IllegalStateException("events could not be written for the journal", e);
        } finally {
            deflater.end();
        }
        return bytes.toByteArray();
    }

    List<Event> decode(long seq, byte[] data) {
        try (InputStream in = new InflaterInputStream(new ByteArrayInputStream(data))) {
            return json.readValue(in, EVENTS);
        } catch (IOException e) {
            throw new StoreException("journal entry " + seq + " cannot be read", e);
        }
    }
}
