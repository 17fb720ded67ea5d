package io.driftwatch.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.driftwatch.event.Event;
import io.driftwatch.event.EventType;

/** The journal files of the embedded default: what was appended comes back, in order, whatever a crash left. */
class FileJournalTest {

    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    static final String ID = "db-1";

    @TempDir
    Path dir;

    static Event event(int n) {
        return new Event("ev-" + n, "agent-" + (n % 3), Instant.parse("2026-11-20T10:00:00Z").plusSeconds(n),
                EventType.PROCESS, new Event.Process("/bin/sh", List.of("-c", "id"), (long) n, "app",
                new Event.Parent("/usr/bin/python3", 1L), null), null, null, null, null, null, null);
    }

    FileJournal open(long cut, long segmentBytes) {
        FileJournal j = new FileJournal(dir, segmentBytes, true, JSON);
        j.open(cut, ID);
        return j;
    }

    static List<EventJournal.Entry> after(EventJournal j, long seq) {
        List<EventJournal.Entry> out = new ArrayList<>();
        j.replayAfter(seq, out::add);
        return out;
    }

    @Test
    void entriesComeBackInOrderAfterAReopen() {
        try (FileJournal j = open(0, 1 << 20)) {
            assertEquals(1, j.append(List.of(event(1), event(2)), 0));
            assertEquals(2, j.append(List.of(event(3)), 0));
        }
        try (FileJournal j = open(0, 1 << 20)) {
            assertEquals(2, j.last());
            List<EventJournal.Entry> entries = after(j, 0);
            assertEquals(List.of(1L, 2L), entries.stream().map(EventJournal.Entry::seq).toList());
            assertEquals(List.of(event(1), event(2)), entries.get(0).events());
            assertEquals(List.of(2L), after(j, 1).stream().map(EventJournal.Entry::seq).toList(), "only after the cut");
            assertEquals(3, j.append(List.of(event(4)), 0), "numbering goes on");
        }
    }

    @Test
    void aRecordTornByACrashIsCutOffAndTheRestIsKept() throws IOException {
        try (FileJournal j = open(0, 1 << 20)) {
            j.append(List.of(event(1)), 0);
            j.append(List.of(event(2)), 0);
        }
        Path segment = segments().get(0);
        long size = Files.size(segment);
        try (var c = java.nio.channels.FileChannel.open(segment, StandardOpenOption.WRITE)) {
            c.truncate(size - 5); // the second record's last bytes never reached the disk
        }
        try (FileJournal j = open(0, 1 << 20)) {
            assertEquals(List.of(1L), after(j, 0).stream().map(EventJournal.Entry::seq).toList());
            assertEquals(2, j.append(List.of(event(9)), 0), "the torn record was never acknowledged: its number is reused");
            assertEquals(List.of(event(9)), after(j, 1).get(0).events());
        }
    }

    @Test
    void aCorruptRecordEndsTheJournalThere() throws IOException {
        try (FileJournal j = open(0, 1 << 20)) {
            j.append(List.of(event(1)), 0);
            j.append(List.of(event(2)), 0);
        }
        Path segment = segments().get(0);
        byte[] bytes = Files.readAllBytes(segment);
        bytes[bytes.length - 3] ^= 0x55; // a flipped bit in the second record's payload
        Files.write(segment, bytes);
        try (FileJournal j = open(0, 1 << 20)) {
            assertEquals(List.of(1L), after(j, 0).stream().map(EventJournal.Entry::seq).toList());
        }
    }

    @Test
    void aCheckpointDeletesTheFilesItCoversButNeverTheOneBeingWritten() throws IOException {
        try (FileJournal j = open(0, 1)) { // every record starts a new file
            for (int i = 1; i <= 4; i++) {
                j.append(List.of(event(i)), 0);
            }
            assertEquals(4, segments().size());
            j.truncate(2);
            assertEquals(List.of(3L, 4L), after(j, 0).stream().map(EventJournal.Entry::seq).toList());
            j.truncate(4);
            assertEquals(1, segments().size(), "the file being written stays");
            assertEquals(List.of(), after(j, 4));
        }
    }

    @Test
    void aJournalOfAnotherDatabaseIsRefused() {
        try (FileJournal j = open(0, 1 << 20)) {
            j.append(List.of(event(1)), 0);
        }
        FileJournal other = new FileJournal(dir, 1 << 20, true, JSON);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> other.open(0, "db-2"));
        assertTrue(e.getMessage().contains("belongs to another database"), e.getMessage());
    }

    @Test
    void numberingResumesAfterTheCutWhenTheFilesAreGone() {
        try (FileJournal j = open(41, 1 << 20)) {
            assertEquals(42, j.append(List.of(event(1)), 0));
        }
    }

    List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".journal")).sorted().toList();
        }
    }
}
