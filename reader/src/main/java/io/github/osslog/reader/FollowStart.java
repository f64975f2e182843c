package io.github.osslog.reader;

/** Where following starts: after the last N lines of the newest objects, or at a checkpoint. Immutable. */
final class FollowStart {
    final int lastLines;
    final Checkpoint checkpoint;

    private FollowStart(int lastLines, Checkpoint checkpoint) {
        this.lastLines = lastLines;
        this.checkpoint = checkpoint;
    }

    static FollowStart lastLines(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("the number of last lines must not be negative, was " + n);
        }
        return new FollowStart(n, null);
    }

    static FollowStart checkpoint(Checkpoint checkpoint) {
        return new FollowStart(0, checkpoint);
    }
}
