package io.github.osslog.core.internal.spool;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A first-in first-out queue of batches in append-only segment files under one locked directory (docs/spool.md):
 * {@link #append} at the tail (durable when it returns), {@link #peek} and {@link #remove} at the head, with the
 * replay cursor and the anchor of the head's last append attempt kept in a journal (and its history in the head
 * segment's {@link AttemptLog}, for when both journal copies are damaged). Corrupt or torn records are
 * counted and skipped. Its files are the process user's only (docs/spool.md). Not thread-safe: one owner thread; the counters may be read from any thread.
 */
public final class Spool implements Closeable {
    static final String LOCK_FILE = "spool.lock";
    private static final String PREFIX = "segment-";
    private static final String SUFFIX = ".spool";
    private static final long MIN_SEGMENT = 64 << 10;
    private static final long MAX_SEGMENT = 64 << 20;

    private final Path dir;
    private final SpoolFiles files;
    private final List<String> warnings;
    private final List<String> problems = new ArrayList<>();
    private SpoolId id;
    private final long maxBytes;
    private final long segmentBytes;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final ReplayJournal journal;
    private AttemptLog attempts;
    private final ArrayDeque<Segment> segments = new ArrayDeque<>();
    private Segment writing;
    private long nextSeq;
    private long readOffset = Segment.HEADER_BYTES;
    private SpoolAnchor headAnchor;
    private long journalSeq = -1;
    private long journalOffset = -1;
    private boolean journalAnchored;
    private SpoolRecord peeked;
    private int peekedFrame;
    private volatile long bytesOnDisk;
    private volatile long pendingEvents;
    private volatile long corrupt;
    private volatile long corruptEvents;

    private Spool(Path dir, SpoolFiles files, long maxBytes, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.files = files;
        this.warnings = new ArrayList<>(files.warnings());
        this.maxBytes = maxBytes;
        this.segmentBytes = Math.max(MIN_SEGMENT, Math.min(MAX_SEGMENT, maxBytes / 8));
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.journal = new ReplayJournal(dir, files);
    }

    /**
     * Creates {@code dir} if needed (mode 0700), or checks that it is this user's own directory and not a symbolic
     * link, locks it for this spool and finds the segments an earlier run of this spool left; segments of another
     * spool are refused and named in {@link #warnings()}.
     *
     * @throws IOException naming {@code spoolDirectory} and the fix, when it cannot be created or written, must be
     *     refused (a symbolic link, another user's), or when another process or pipeline holds it
     */
    public static Spool open(Path dir, long maxBytes) throws IOException {
        SpoolFiles files;
        FileChannel channel;
        try {
            files = SpoolFiles.prepare(dir);
            channel = files.openOrCreate(dir.resolve(LOCK_FILE));
        } catch (SpoolFiles.Refused e) {
            throw e;
        } catch (IOException | SecurityException e) {
            throw new IOException("spoolDirectory '" + dir + "' is not writable (" + e + "): fix its permissions or"
                    + " choose another directory", e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            channel.close();
            throw new IOException("spoolDirectory '" + dir + "' cannot be locked (" + e + "): use a local directory",
                    e);
        }
        if (lock == null) {
            channel.close();
            throw new IOException("spoolDirectory '" + dir + "' is in use by another osslog pipeline (" + LOCK_FILE
                    + " is locked): give each process and appender its own spoolDirectory");
        }
        Spool spool = new Spool(dir, files, maxBytes, channel, lock);
        try {
            spool.load();
        } catch (IOException | RuntimeException e) {
            spool.release();
            throw new IOException("spoolDirectory '" + dir + "' cannot be read (" + e + "): fix its permissions or"
                    + " choose another directory", e);
        }
        return spool;
    }

    private void load() throws IOException {
        id = SpoolId.load(files, dir, problems);
        List<Long> seqs = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        try (DirectoryStream<Path> found = Files.newDirectoryStream(dir, PREFIX + "*" + SUFFIX)) {
            for (Path p : found) {
                String name = p.getFileName().toString();
                long seq;
                try {
                    seq = Long.parseLong(name.substring(PREFIX.length(), name.length() - SUFFIX.length()));
                } catch (NumberFormatException e) {
                    continue; // not a segment name
                }
                nextSeq = Math.max(nextSeq, seq + 1);
                if (Segment.belongsTo(p, id)) {
                    seqs.add(seq);
                } else {
                    refused.add(name);
                }
            }
        }
        if (!refused.isEmpty()) {
            Collections.sort(refused);
            problems.add("spoolDirectory '" + dir + "' holds " + refused.size() + " segment file(s) that are not this"
                    + " spool's (another spool's id, a link, or from an osslog version before segment headers): "
                    + refused + ". They are not replayed; move them away");
        }
        Collections.sort(seqs);
        removeOrphanLogs(seqs);
        ReplayJournal.Cursor cursor = journal.read();
        if (cursor == null && journal.damaged() && !seqs.isEmpty()) {
            Path log = AttemptLog.pathFor(path(seqs.get(0)));
            cursor = AttemptLog.last(path(seqs.get(0)), seqs.get(0));
            problems.add(cursor != null
                    ? "spoolDirectory '" + dir + "': both copies of " + ReplayJournal.FILE + " are damaged; replay"
                            + " resumes at the cursor " + log.getFileName() + " holds, which the journal last held"
                    : "spoolDirectory '" + dir + "': both copies of " + ReplayJournal.FILE + " are damaged and "
                            + log.getFileName() + " holds no intact entry, so replay starts at the oldest segment's"
                            + " first record; batches of it that an earlier run already shipped may appear twice in"
                            + " the object");
        }
        boolean resume = cursor != null && !seqs.isEmpty() && cursor.segment == seqs.get(0);
        for (long seq : seqs) {
            long from = resume && seq == cursor.segment ? cursor.offset : 0;
            segments.add(Segment.existing(path(seq), seq, from));
        }
        if (resume) {
            readOffset = Math.max(cursor.offset, Segment.HEADER_BYTES);
            headAnchor = cursor.anchor;
            journaled(cursor.segment, cursor.offset, cursor.anchor != null);
        }
        updateCounters();
    }

    /** True when no record waits for replay (unread corrupt bytes may remain until {@link #peek} meets them). */
    public boolean isEmpty() {
        return segments.isEmpty();
    }

    /**
     * Appends {@code record} and forces it to disk; false, writing nothing, when it would take the spool past its
     * maximum size.
     */
    public boolean append(SpoolRecord record) throws IOException {
        byte[] frame = RecordCodec.encode(record);
        long newSegment = writing == null || writing.size + frame.length > segmentBytes ? Segment.HEADER_BYTES : 0;
        if (bytesOnDisk + newSegment + frame.length > maxBytes) {
            return false;
        }
        if (writing == null || (writing.size > Segment.HEADER_BYTES && writing.size + frame.length > segmentBytes)) {
            if (writing != null) {
                writing.seal();
            }
            writing = Segment.create(files, path(nextSeq), nextSeq, id);
            nextSeq++;
            segments.add(writing);
        }
        writing.append(frame, record.events());
        updateCounters();
        return true;
    }

    /**
     * The oldest record not yet replayed, with the anchor of its latest append attempt if one was journaled, else
     * its own; {@code null} when the spool is empty. Corrupt and torn records on the way are counted and skipped.
     */
    public SpoolRecord peek() throws IOException {
        while (peeked == null && !segments.isEmpty()) {
            Segment head = segments.peekFirst();
            if (readOffset >= head.size) {
                dropHead();
                continue;
            }
            ByteBuffer header = ByteBuffer.allocate(RecordCodec.HEADER);
            int len = head.readFully(header, readOffset) ? RecordCodec.payloadLength(header) : -1;
            if (len < 0 || readOffset + RecordCodec.HEADER + len > head.size) {
                // a torn tail or a damaged length: nothing after it in this segment can be framed. A readable header
                // says how many events were lost; else the intact-looking headers counted them when it was opened
                lost(head, len >= 0 ? Math.min(RecordCodec.events(header), len) : head.unreadEvents);
                readOffset = head.size;
                continue;
            }
            ByteBuffer frame = ByteBuffer.allocate(RecordCodec.HEADER + len);
            head.readFully(frame, readOffset);
            SpoolRecord record = RecordCodec.decode(frame.array());
            if (record == null) {
                lost(head, Math.min(RecordCodec.events(header), len));
                readOffset += frame.capacity();
                headAnchor = null;
                updateCounters();
                continue;
            }
            peeked = headAnchor != null ? record.withAnchor(headAnchor) : record;
            peekedFrame = frame.capacity();
        }
        return peeked;
    }

    /**
     * Counts a corrupt record of {@code head} as lost, with {@code claimed} events as far as a header tells: at least
     * one, since a damaged count proves nothing.
     */
    private void lost(Segment head, long claimed) {
        long events = Math.max(1, claimed);
        corrupt++;
        corruptEvents += events;
        head.unreadEvents = Math.max(0, head.unreadEvents - events);
    }

    /** Journals that the head record is about to be appended at {@code anchor}; durable when this returns. */
    public void attempt(SpoolAnchor anchor) throws IOException {
        if (peeked == null || anchor.equals(headAnchor)) {
            return;
        }
        journal(segments.peekFirst().seq, readOffset, anchor);
        journaled(segments.peekFirst().seq, readOffset, true);
        headAnchor = anchor;
        peeked = peeked.withAnchor(anchor);
    }

    /** The peeked head record is done with (it landed, was found already landed, or was dropped for good). */
    public void remove() throws IOException {
        if (peeked == null) {
            return;
        }
        Segment head = segments.peekFirst();
        // The journal may still anchor an earlier record: once this one is done without an append of its own (found
        // landed), that anchor no longer matches its object, so the cursor must move past both first.
        boolean journalIsThis = journalSeq == head.seq && journalOffset == readOffset;
        head.unreadEvents = Math.max(0, head.unreadEvents - peeked.events());
        readOffset += peekedFrame;
        peeked = null;
        headAnchor = null;
        if (readOffset >= head.size) {
            dropHead();
        }
        if (journalAnchored && !journalIsThis) {
            if (segments.isEmpty()) {
                journal.delete();
                journaled(-1, -1, false);
            } else {
                journal(segments.peekFirst().seq, readOffset, null);
                journaled(segments.peekFirst().seq, readOffset, false);
            }
        }
        updateCounters();
    }

    /** Writes the cursor to both journal copies and appends it to the head segment's {@link AttemptLog}. */
    private void journal(long seq, long offset, SpoolAnchor anchor) throws IOException {
        journal.write(seq, offset, anchor);
        if (attempts == null || attempts.seq() != seq) {
            closeAttempts();
            attempts = new AttemptLog(files, path(seq), seq);
        }
        attempts.append(offset, anchor);
    }

    private void closeAttempts() throws IOException {
        if (attempts != null) {
            attempts.close();
            attempts = null;
        }
    }

    /** Deletes the attempt logs a crash left behind their deleted segments. */
    private void removeOrphanLogs(List<Long> seqs) throws IOException {
        try (DirectoryStream<Path> found = Files.newDirectoryStream(dir, PREFIX + "*" + SUFFIX + AttemptLog.SUFFIX)) {
            for (Path p : found) {
                String name = p.getFileName().toString();
                try {
                    long seq = Long.parseLong(name.substring(PREFIX.length(),
                            name.length() - SUFFIX.length() - AttemptLog.SUFFIX.length()));
                    if (!seqs.contains(seq)) {
                        Files.deleteIfExists(p);
                    }
                } catch (NumberFormatException e) {
                    // not an attempt log's name
                }
            }
        }
    }

    private void journaled(long seq, long offset, boolean anchored) {
        journalSeq = seq;
        journalOffset = offset;
        journalAnchored = anchored;
    }

    /** Deletes the oldest segment to make room (policy DROP_OLDEST); returns the events it still held. */
    public long discardOldest() throws IOException {
        if (segments.isEmpty()) {
            return 0;
        }
        long events = segments.peekFirst().unreadEvents;
        dropHead();
        return events;
    }

    private void dropHead() throws IOException {
        Segment head = segments.pollFirst();
        if (head == writing) {
            writing = null;
        }
        head.delete();
        if (attempts != null && attempts.seq() == head.seq) {
            closeAttempts();
        }
        Files.deleteIfExists(AttemptLog.pathFor(head.path));
        readOffset = Segment.HEADER_BYTES;
        headAnchor = null;
        peeked = null;
        updateCounters();
    }

    /** Bytes of segment files on disk. */
    public long bytesInUse() {
        return bytesOnDisk;
    }

    /** Events in records not yet replayed, as their headers say. */
    public long pendingEvents() {
        return pendingEvents;
    }

    /** Corrupt or torn records skipped since the spool was opened. */
    public long corruptRecords() {
        return corrupt;
    }

    /**
     * Events in the corrupt or torn records skipped since the spool was opened, as far as headers tell (a record whose
     * checksum fails counts its header's event count, at least 1); they are lost.
     */
    public long corruptEvents() {
        return corruptEvents;
    }

    /** What opening the spool changed (a directory mode tightened), one sentence each. */
    public List<String> warnings() {
        return Collections.unmodifiableList(warnings);
    }

    /**
     * What opening the spool refused or could not trust (segments of another spool, a damaged id or journal), one
     * sentence each, naming the files and what to do.
     */
    public List<String> problems() {
        return Collections.unmodifiableList(problems);
    }

    /** Saves the replay cursor, closes the files and releases the directory lock. */
    @Override
    public void close() throws IOException {
        try {
            if (segments.isEmpty()) {
                journal.delete();
            } else {
                journal(segments.peekFirst().seq, readOffset, headAnchor);
            }
        } finally {
            release();
        }
    }

    private void release() throws IOException {
        try {
            closeAttempts();
            for (Segment s : segments) {
                s.close();
            }
        } finally {
            try {
                lock.release();
            } finally {
                lockChannel.close();
            }
        }
    }

    private void updateCounters() {
        long bytes = 0;
        long events = 0;
        for (Segment s : segments) {
            bytes += s.size;
            events += s.unreadEvents;
        }
        bytesOnDisk = bytes;
        pendingEvents = events;
    }

    private Path path(long seq) {
        return dir.resolve(String.format("%s%020d%s", PREFIX, seq, SUFFIX));
    }

    @Override
    public String toString() {
        return "Spool{dir=" + dir + ", segments=" + segments.size() + ", bytes=" + bytesOnDisk + ", events="
                + pendingEvents + '}';
    }
}
