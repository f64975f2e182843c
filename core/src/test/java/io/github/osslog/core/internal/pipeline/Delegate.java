package io.github.osslog.core.internal.pipeline;

import io.github.osslog.core.store.AppendResult;
import io.github.osslog.core.store.AppendableStore;
import io.github.osslog.core.store.ObjectInfo;
import io.github.osslog.core.store.StoreLimits;
import java.io.IOException;
import java.util.Map;

/** A store that forwards to another; tests override one call to observe or disturb it. */
class Delegate implements AppendableStore {
    private final AppendableStore target;

    Delegate(AppendableStore target) {
        this.target = target;
    }

    @Override
    public AppendResult append(String key, long position, byte[] data, int off, int len,
            Map<String, String> creationHeaders) throws IOException {
        return target.append(key, position, data, off, len, creationHeaders);
    }

    @Override
    public ObjectInfo head(String key) throws IOException {
        return target.head(key);
    }

    @Override
    public StoreLimits limits() {
        return target.limits();
    }
}
