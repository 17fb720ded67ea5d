package io.driftwatch.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.CRC32;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.driftwatch.event.Event;

/**
 * The journal as append-only segment files under one directory, for the embedded default: sequential writes,
 * and dropping what a checkpoint covers deletes whole files, so nothing bloats the database. Each record is
 * {@code length, seq, crc32, payload}; a record torn by a crash mid-write fails its length or checksum and is cut
 * off at open (it was never acknowledged: a batch is acknowledged only after its record is written).
 */
public final class FileJournal implements EventJournal, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(FileJournal.class);
    private static final String SUFFIX = ".journal";
    /** length (int), seq (long), crc32 of seq and payload (int) */
    private static final int HEADER = 4 + 8 + 4;
    private static final int MAX_RECORD = 256 * 1024 * 1024;

    private final Path dir;
    private final long segmentBytes;
    private final boolean fsync;
    private final JournalCodec codec;
    private long last = -1;
    private FileChannel active;
    private Path activePath;

    public FileJournal(Path dir, long segmentBytes, boolean fsync, ObjectMapper json) {
        this.dir = dir;
        this.segmentBytes = segmentBytes;
        this.fsync = fsync;
        this.codec = new JournalCodec(json);
    }

    @Override
    public synchronized void open(long cut, String identity) {
        try {
            Files.createDirectories(dir);
            List<Path> segments = segments();
            checkIdentity(identity, !segments.isEmpty());
            long newest = 0;
            if (!segments.isEmpty()) {
                Path tail = segments.get(segments.size() - 1);
                long[] end = scan(tail, null, Long.MAX_VALUE);
                newest = Math.max(end[1], firstSeq(tail) - 1); // an empty tail still says where numbering stood
                try (FileChannel c = FileChannel.open(tail, StandardOpenOption.WRITE)) {
                    if (c.size() > end[0]) {
                        LOG.warnf("journal %s: cut %d bytes of a record torn by a crash (never acknowledged)",
                                tail.getFileName(), c.size() - end[0]);
                        c.truncate(end[0]);
                        c.force(true);
                    }
                }
            }
            last = Math.max(cut, newest);
            startSegment(last + 1);
        } catch (IOException e) {
            throw new StoreException("cannot open the event journal in " + dir, e);
        }
    }

    /** The directory is bound to one database: replaying another database's events into this one would be silent damage. */
    private void checkIdentity(String identity, boolean hasEntries) throws IOException {
        Path file = dir.resolve("journal-id");
        if (Files.exists(file)) {
            String own = Files.readString(file).trim();
            if (!own.equals(identity)) {
                throw new IllegalStateException("the event journal in " + dir + " belongs to another database (journal "
                        + own + ", database expects " + identity + "): point driftwatch.journal.dir at this database's "
                        + "journal, or move the directory away if that database is gone");
            }
            return;
        }
        if (hasEntries) {
            throw new IllegalStateException("the event journal in " + dir + " has entries but no journal-id: it is not "
                    + "this database's journal; move it away");
        }
        Files.writeString(file, identity + "\n");
    }

    @Override
    public synchronized long last() {
        return last;
    }

    @Override
    public long append(List<Event> events, long now) {
        byte[] payload = codec.encode(events); // outside the lock: appends encode in parallel, write in turn
        return write(payload, events.size());
    }

    private synchronized long write(byte[] payload, int count) {
        if (active == null) {
            throw new IllegalStateException("journal not open");
        }
        long seq = ++last;
        long start = -1;
        try {
            if (active.size() >= segmentBytes) {
                active.close();
                startSegment(seq);
            }
            start = active.position();
            ByteBuffer record = ByteBuffer.allocate(HEADER + payload.length);
            record.putInt(payload.length).putLong(seq).putInt(crc(seq, payload)).put(payload).flip();
            while (record.hasRemaining()) {
                active.write(record);
            }
            if (fsync) {
                active.force(false);
            }
            return seq;
        } catch (IOException e) {
            try {
                if (start >= 0) {
                    active.truncate(start); // leave no half record behind a later good one
                    active.position(start);
                }
            } catch (IOException ignored) {
                // open() cuts it off at the next start
            }
            throw new JournalException(seq, "cannot journal a batch of " + count + " events in " + activePath, e);
        }
    }

    @Override
    public void replayAfter(long seq, Consumer<Entry> each) {
        List<Path> segments;
        synchronized (this) {
            segments = segments();
        }
        for (Path segment : segments) {
            try {
                scan(segment, each, seq);
            } catch (IOException e) {
                throw new StoreException("cannot read journal segment " + segment, e);
            }
        }
    }

    /** Deletes every segment whose records all lie at or before the cut; never the one being written. */
    @Override
    public synchronized void truncate(long cut) {
        List<Path> segments = segments();
        for (int i = 0; i + 1 < segments.size(); i++) {
            Path next = segments.get(i + 1);
            if (firstSeq(next) - 1 > cut || segments.get(i).equals(activePath)) {
                return;
            }
            try {
                Files.delete(segments.get(i));
            } catch (IOException e) {
                throw new StoreException("cannot delete journal segment " + segments.get(i), e);
            }
        }
    }

    @Override
    public synchronized void close() {
        try {
            if (active != null) {
                active.close();
                active = null;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void startSegment(long firstSeq) throws IOException {
        List<Path> segments = segments();
        Path tail = segments.isEmpty() ? null : segments.get(segments.size() - 1);
        // reuse the newest segment while it has room: a restart does not leave a file per start behind
        activePath = tail != null && Files.size(tail) < segmentBytes ? tail
                : dir.resolve(String.format("%020d", firstSeq) + SUFFIX);
        active = FileChannel.open(activePath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        active.position(active.size());
        if (fsync && tail == null) {
            syncDirectory(); // the new file's name must survive a crash too
        }
    }

    private void syncDirectory() {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException notSupported) {
            // some file systems cannot sync a directory; the file's data is still synced
        }
    }

    /**
     * Reads records in order, handing those after {@code after} to {@code each} (null: read only); stops at the
     * first torn or corrupt record. Returns {end of the last good record, its seq (0 if none)}.
     */
    private long[] scan(Path segment, Consumer<Entry> each, long after) throws IOException {
        long good = 0;
        long lastSeq = 0;
        try (FileChannel c = FileChannel.open(segment, StandardOpenOption.READ)) {
            ByteBuffer header = ByteBuffer.allocate(HEADER);
            while (true) {
                header.clear();
                if (readFully(c, header) < HEADER) {
                    break;
                }
                header.flip();
                int length = header.getInt();
                long seq = header.getLong();
                int crc = header.getInt();
                if (length < 0 || length > MAX_RECORD || c.position() + length > c.size()) {
                    break;
                }
                ByteBuffer payload = ByteBuffer.allocate(length);
                readFully(c, payload);
                if (crc(seq, payload.array()) != crc) {
                    break;
                }
                good = c.position();
                lastSeq = seq;
                if (each != null && seq > after) {
                    each.accept(new Entry(seq, codec.decode(seq, payload.array())));
                }
            }
        }
        return new long[] {good, lastSeq};
    }

    private static int readFully(FileChannel c, ByteBuffer into) throws IOException {
        int total = 0;
        while (into.hasRemaining()) {
            int n = c.read(into);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    private static int crc(long seq, byte[] payload) {
        CRC32 crc = new CRC32();
        crc.update(ByteBuffer.allocate(8).putLong(seq).array());
        crc.update(payload);
        return (int) crc.getValue();
    }

    private List<Path> segments() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
        } catch (IOException e) {
            throw new StoreException("cannot list the journal in " + dir, e);
        }
    }

    private static long firstSeq(Path segment) {
        String name = segment.getFileName().toString();
        return Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
    }
}
