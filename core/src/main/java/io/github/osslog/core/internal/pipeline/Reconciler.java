package io.github.osslog.core.internal.pipeline;

import io.github.osslog.core.internal.crc.Crc64;
import io.github.osslog.core.internal.objects.ObjectState;
import io.github.osslog.core.store.AppendableStore;
import io.github.osslog.core.store.ObjectInfo;
import io.github.osslog.core.store.ObjectType;
import java.io.IOException;

/**
 * Learns whether a batch whose append had an unknown or contradictory outcome landed, by HEADing its object and
 * comparing length and CRC-64 (DESIGN §4, docs/reconciliation.md). Stateless apart from the store; thread-safe.
 */
final class Reconciler {
    /** What the HEAD proved. */
    enum Verdict {
        /** The object ends exactly with this batch: it landed once; the state has been advanced. */
        LANDED,
        /** The object is exactly as before the batch: send it again at the same position. */
        NOT_LANDED,
        /** Someone else changed, replaced or deleted the object: roll to a new key. */
        FOREIGN
    }

    private final AppendableStore store;

    Reconciler(AppendableStore store) {
        this.store = store;
    }

    Verdict check(ObjectState state, byte[] data, int len) throws IOException {
        ObjectInfo info = store.head(state.key());
        if (info == null) {
            return state.position() == 0 ? Verdict.NOT_LANDED : Verdict.FOREIGN;
        }
        if (info.type() != ObjectType.APPENDABLE) {
            return Verdict.FOREIGN;
        }
        long length = info.nextAppendPosition() >= 0 ? info.nextAppendPosition() : info.length();
        boolean comparable = info.hasCrc64() && state.crcKnown();
        if (length == state.position()) {
            return comparable && info.crc64() != state.crc() ? Verdict.FOREIGN : Verdict.NOT_LANDED;
        }
        if (length == state.position() + len) {
            long expected = state.crcKnown() ? Crc64.update(state.crc(), data, 0, len) : 0;
            if (!comparable || info.crc64() == expected) {
                state.advance(length, info.hasCrc64() ? info.crc64() : expected, info.hasCrc64() || state.crcKnown());
                return Verdict.LANDED;
            }
        }
        return Verdict.FOREIGN;
    }
}
