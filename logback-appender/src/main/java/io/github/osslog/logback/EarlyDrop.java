package io.github.osslog.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.TurboFilterList;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.spi.FilterReply;
import io.github.osslog.core.LogLevel;
import io.github.osslog.core.sink.Containment;
import io.github.osslog.core.sink.LogSink;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Marker;

/**
 * The turbo filter an {@link OssAppender} adds to its context: it drops a log call before Logback builds the event
 * when the appender would drop that event anyway (its buffer full, or the level discarded at this fill) and the
 * appender is the only place the event would go. The drop is counted as the appender counts its own. Logback runs
 * turbo filters before it reads the clock, creates the event and walks the appenders; in a flood that is most of
 * what a dropped call costs. See docs/early-drop.md.
 *
 * <p>It answers {@code DENY} only when all of these hold, and {@code NEUTRAL} otherwise: the call logs a message
 * ({@code isInfoEnabled()} and the like pass none); its level is enabled for the logger; the appender would refuse
 * the event now; this filter is the context's last turbo filter (so no other turbo filter is skipped); the appender
 * has no filters of its own; walking the logger and its ancestors as Logback does (up to the first that is not
 * additive) meets exactly one appender, this one; and the call is not made from inside the appender (re-entrant:
 * the appender counts those itself). The drop is counted under the reason the appender would count. Thread-safe.
 */
final class EarlyDrop extends TurboFilter {
    private final OssAppender appender;
    /** Each logger and its ancestors, nearest first: fixed for a logger's life (Logback creates ancestors first). */
    private final ConcurrentMap<Logger, Logger[]> lineages = new ConcurrentHashMap<>();

    EarlyDrop(OssAppender appender) {
        this.appender = appender;
        setName("osslog-early-drop[" + appender.getName() + "]");
    }

    /**
     * Adds an early drop for {@code appender} to its context, last among the turbo filters, when the shipper wants
     * one ({@code earlyDrop} on, and policy {@code DROP_NEWEST} or a {@code discardLevel}); else null.
     */
    static EarlyDrop install(OssAppender appender, LogSink sink) {
        if (!(appender.getContext() instanceof LoggerContext) || !sink.wantsEarlyDrop()) {
            return null;
        }
        EarlyDrop filter = new EarlyDrop(appender);
        filter.setContext(appender.getContext());
        filter.start();
        ((LoggerContext) appender.getContext()).addTurboFilter(filter);
        return filter;
    }

    /** Takes this filter out of its context (where a context reset may already have removed it). */
    void remove() {
        stop();
        ((LoggerContext) getContext()).getTurboFilterList().remove(this);
        lineages.clear();
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
            Throwable t) {
        try {
            return dropsNow(logger, level, format) ? FilterReply.DENY : FilterReply.NEUTRAL;
        } catch (Throwable e) {
            Containment.rethrowIfFatal(e);
            return FilterReply.NEUTRAL; // the event then takes the usual path, where the appender handles it
        }
    }

    private boolean dropsNow(Logger logger, Level level, String format) {
        if (!isStarted() || format == null || level == null || logger == null
                || level.levelInt < logger.getEffectiveLevel().levelInt) {
            return false;
        }
        LogSink s = appender.sinkForEarlyDrop();
        if (s == null) {
            return false;
        }
        LogLevel ours = OssAppender.level(level);
        if (!s.mayRefuse(ours)) {
            return false; // the usual case: room for any event, and the level not discarded
        }
        if (!isLast() || !appender.hasNoFilters() || !onlyDestination(logger)) {
            return false;
        }
        // decided and counted as append would (a re-entrant call is left to append, which counts it as such)
        return s.dropUnbuiltIfRefused(logger.getName(), ours);
    }

    private boolean isLast() {
        TurboFilterList list = ((LoggerContext) getContext()).getTurboFilterList();
        int n = list.size();
        return n > 0 && list.get(n - 1) == this;
    }

    /** Whether an event of {@code logger} would reach the appender, once, and no other appender. */
    private boolean onlyDestination(Logger logger) {
        Logger[] lineage = lineages.get(logger);
        if (lineage == null) {
            lineage = lineageOf(logger);
            if (lineage == null) {
                return false;
            }
            lineages.putIfAbsent(logger, lineage);
        }
        int found = 0;
        for (Logger l : lineage) {
            for (Iterator<Appender<ch.qos.logback.classic.spi.ILoggingEvent>> it = l.iteratorForAppenders();
                    it.hasNext(); ) {
                if (it.next() != appender || ++found > 1) {
                    return false;
                }
            }
            if (!l.isAdditive()) {
                break;
            }
        }
        return found == 1;
    }

    /** The logger and its ancestors up to the root, nearest first; null if one cannot be found. */
    private Logger[] lineageOf(Logger logger) {
        LoggerContext context = (LoggerContext) getContext();
        if (context == null || logger.getLoggerContext() != context) {
            return null;
        }
        List<Logger> chain = new ArrayList<>();
        chain.add(logger);
        String name = logger.getName();
        if (!Logger.ROOT_LOGGER_NAME.equalsIgnoreCase(name)) {
            for (int end = lastSeparator(name, name.length()); end > 0; end = lastSeparator(name, end)) {
                Logger ancestor = context.exists(name.substring(0, end));
                if (ancestor == null) {
                    return null;
                }
                chain.add(ancestor);
            }
            chain.add(context.getLogger(Logger.ROOT_LOGGER_NAME));
        }
        return chain.toArray(new Logger[0]);
    }

    /** The index of the last '.' or '$' before {@code end} (Logback's name separators), or -1. */
    private static int lastSeparator(String name, int end) {
        for (int i = end - 1; i >= 0; i--) {
            char c = name.charAt(i);
            if (c == '.' || c == '$') {
                return i;
            }
        }
        return -1;
    }
}
