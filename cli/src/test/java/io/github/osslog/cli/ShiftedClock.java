package io.github.osslog.cli;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The system clock shifted by an offset the test moves: a writer's key dates jump while signing stays valid. */
final class ShiftedClock extends Clock {
    private volatile Duration shift;

    ShiftedClock(Duration shift) {
        this.shift = shift;
    }

    void shift(Duration newShift) {
        this.shift = newShift;
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(shift);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
