package io.github.osslog.core;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Removes secret values (access key ids, secrets, STS tokens) from text before it crosses into a status, an
 * exception, a stack trace or a metric (docs/secrets.md). It learns the values as they are loaded or used, keeping
 * the {@value #REMEMBERED} most recent: temporary credentials are rotated, and the current ones are always among
 * them. Thread-safe: readers see an immutable snapshot.
 */
public final class Redactor {
    /** What a secret value is replaced with. */
    public static final String MASK = "****";
    /** How many distinct values are remembered (a few rotations of key id, secret and token). */
    static final int REMEMBERED = 32;
    /** How deep a chain of causes is checked and copied; deeper causes are left out of a copy. */
    private static final int MAX_CAUSES = 16;

    private final Object lock = new Object();
    private final Deque<String> recent = new ArrayDeque<>();
    private volatile String[] secrets = new String[0];

    /** Remembers {@code values} (nulls and empty strings are skipped); longer ones are replaced first. */
    public void remember(String... values) {
        synchronized (lock) {
            boolean changed = false;
            for (String value : values) {
                if (value == null || value.isEmpty()) {
                    continue;
                }
                if (recent.remove(value)) {
                    recent.addFirst(value);
                    continue;
                }
                recent.addFirst(value);
                if (recent.size() > REMEMBERED) {
                    recent.removeLast();
                }
                changed = true;
            }
            if (changed) {
                String[] sorted = recent.toArray(new String[0]);
                // a longer value first, so a value containing a shorter one is masked whole
                Arrays.sort(sorted, (a, b) -> Integer.compare(b.length(), a.length()));
                secrets = sorted;
            }
        }
    }

    /** {@code text} with every remembered value replaced by {@link #MASK}; {@code null} stays {@code null}. */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : secrets) {
            if (out.contains(secret)) {
                out = out.replace(secret, MASK);
            }
        }
        return out;
    }

    /**
     * {@code error} itself when neither its messages nor those of its causes and suppressed exceptions hold a
     * remembered value, else a {@link RedactedException} copy with redacted messages and the same stack traces.
     */
    public Throwable redact(Throwable error) {
        return error == null || isClean(error, Collections.newSetFromMap(new IdentityHashMap<>()), 0)
                ? error : copy(error, 0);
    }

    /** As {@link #redact(Throwable)}, keeping the checked type for code that rethrows an I/O failure. */
    public IOException redact(IOException error) {
        Throwable redacted = redact((Throwable) error);
        return redacted == error ? error : (RedactedException) redacted;
    }

    /** A logger that redacts every message and throwable before handing them to {@code target}. */
    public InternalLogger wrap(InternalLogger target) {
        return new InternalLogger() {
            @Override
            public void info(String message) {
                target.info(redact(message));
            }

            @Override
            public void warn(String message, Throwable cause) {
                target.warn(redact(message), redact(cause));
            }

            @Override
            public void error(String message, Throwable cause) {
                target.error(redact(message), redact(cause));
            }
        };
    }

    /** False when a message in the chain holds a secret, or the chain is too deep to check. */
    private boolean isClean(Throwable error, Set<Throwable> seen, int depth) {
        if (!seen.add(error)) {
            return true;
        }
        if (depth > MAX_CAUSES || holdsSecret(error.getMessage()) || holdsSecret(error.getLocalizedMessage())) {
            return false;
        }
        for (Throwable suppressed : error.getSuppressed()) {
            if (!isClean(suppressed, seen, depth + 1)) {
                return false;
            }
        }
        return error.getCause() == null || isClean(error.getCause(), seen, depth + 1);
    }

    private boolean holdsSecret(String text) {
        if (text != null) {
            for (String secret : secrets) {
                if (text.contains(secret)) {
                    return true;
                }
            }
        }
        return false;
    }

    private RedactedException copy(Throwable error, int depth) {
        String originalClass = error instanceof RedactedException ? ((RedactedException) error).originalClass()
                : error.getClass().getName();
        String message = error.getLocalizedMessage();
        if (error instanceof RedactedException && message != null && message.startsWith(originalClass + ": ")) {
            message = message.substring(originalClass.length() + 2);
        }
        RedactedException copy = new RedactedException(originalClass, redact(message));
        copy.setStackTrace(error.getStackTrace());
        if (depth >= MAX_CAUSES) {
            return copy;
        }
        Throwable cause = error.getCause();
        if (cause != null && cause != error) {
            copy.initCause(copy(cause, depth + 1));
        }
        for (Throwable suppressed : error.getSuppressed()) {
            copy.addSuppressed(copy(suppressed, depth + 1));
        }
        return copy;
    }
}
