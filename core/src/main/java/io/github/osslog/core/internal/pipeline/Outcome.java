package io.github.osslog.core.internal.pipeline;

import io.github.osslog.core.internal.buffer.DropReason;
import java.util.EnumMap;
import java.util.Map;

/**
 * What became of a batch handed on (DESIGN §4, "The failure rule"). Three outcomes settle it, letting it leave
 * memory or the spool: {@link #LANDED} in its object (proven by the answer or a HEAD), {@link #SPOOLED} durably, or
 * {@linkplain #dropped(DropReason) dropped} for a proven, counted reason. The others keep it with the caller:
 * the delivery {@link #GAVE_WAY} to the spool, {@link #STOPPED} at the stop deadline (or on interrupt), or the batch
 * was {@link #NOT_SPOOLED} because the spool failed. Immutable; compare with {@code ==}.
 */
final class Outcome {
    static final Outcome LANDED = new Outcome("LANDED", true, null);
    static final Outcome SPOOLED = new Outcome("SPOOLED", true, null);
    static final Outcome GAVE_WAY = new Outcome("GAVE_WAY", false, null);
    static final Outcome STOPPED = new Outcome("STOPPED", false, null);
    static final Outcome NOT_SPOOLED = new Outcome("NOT_SPOOLED", false, null);
    private static final Map<DropReason, Outcome> DROPPED = new EnumMap<>(DropReason.class);

    static {
        for (DropReason loss : DropReason.values()) {
            DROPPED.put(loss, new Outcome("DROPPED (" + loss.text() + ")", true, loss));
        }
    }

    private final String name;
    private final boolean settled;
    private final DropReason loss;

    private Outcome(String name, boolean settled, DropReason loss) {
        this.name = name;
        this.settled = settled;
        this.loss = loss;
    }

    /** The batch is lost for good, for {@code reason}: counted with the ring's drops and noted by a drop line. */
    static Outcome dropped(DropReason reason) {
        return DROPPED.get(reason);
    }

    /** True when the batch may leave memory (or the spool): it landed, is spooled, or was dropped for a reason. */
    boolean settled() {
        return settled;
    }

    boolean dropped() {
        return loss != null;
    }

    /** Why a {@linkplain #dropped() dropped} batch was lost; {@code null} otherwise. */
    DropReason loss() {
        return loss;
    }

    @Override
    public String toString() {
        return name;
    }
}
