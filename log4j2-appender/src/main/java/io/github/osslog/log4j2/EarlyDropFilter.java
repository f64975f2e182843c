package io.github.osslog.log4j2;

import io.github.osslog.core.LogLevel;
import io.github.osslog.core.sink.Containment;
import io.github.osslog.core.sink.LogSink;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.Marker;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.config.AppenderControl;
import org.apache.logging.log4j.core.config.AppenderControlArraySet;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.filter.AbstractFilter;
import org.apache.logging.log4j.core.filter.CompositeFilter;
import org.apache.logging.log4j.message.Message;

/**
 * The context-wide filter an {@link OssAppender} adds to its configuration: a log call that the appender would drop
 * before encoding anyway is dropped, and counted exactly as the appender counts it, before Log4j2 builds a LogEvent.
 * It answers DENY only when all of these hold, else NEUTRAL (exceptions included):
 * <ol>
 * <li>the call carries a message ({@code isInfoEnabled()} and the like do not) and its level is enabled for the
 * logger;</li>
 * <li>the osslog buffer would refuse the event now (full under {@code DROP_NEWEST}, or its level discarded);</li>
 * <li>the appender, started and without a filter, is the event's only destination: walking the logger's
 * LoggerConfig and its parents while additive meets only this appender, exactly once, with no filter on any
 * LoggerConfig or on its AppenderRef and no AppenderRef level rejecting the event, all synchronous (no async logger
 * or logger config); and no filter but other {@code EarlyDropFilter}s comes after this one in the
 * configuration;</li>
 * <li>the appender then refuses, and counts, the event as {@code append} would.</li>
 * </ol>
 * The destination check reads the LoggerConfigs' live appender arrays on every refused call, so appenders added or
 * removed at runtime count at once; it allocates nothing. Those arrays are private to Log4j2: where they cannot be
 * read (Log4j2 on the module path without {@code --add-opens}) no filter is installed. Thread-safe.
 */
final class EarlyDropFilter extends AbstractFilter {
    /** {@code LoggerConfig.appenders}: the live AppenderControls, read without the map getAppenders() builds. */
    private static final VarHandle APPENDERS;
    /** {@code AppenderControl.level}: the AppenderRef's level, null when it has none. */
    private static final VarHandle REF_LEVEL;
    /** Why the Log4j2 internals cannot be read, or null when they can. */
    private static final String UNAVAILABLE;

    static {
        VarHandle appenders = null;
        VarHandle refLevel = null;
        String unavailable = null;
        try {
            appenders = MethodHandles.privateLookupIn(LoggerConfig.class, MethodHandles.lookup())
                    .findVarHandle(LoggerConfig.class, "appenders", AppenderControlArraySet.class);
            refLevel = MethodHandles.privateLookupIn(AppenderControl.class, MethodHandles.lookup())
                    .findVarHandle(AppenderControl.class, "level", Level.class);
        } catch (Throwable e) { // e.g. a Log4j2 whose fields moved, or a module that is not open to osslog
            Containment.rethrowIfFatal(e);
            unavailable = e.toString();
        }
        APPENDERS = appenders;
        REF_LEVEL = refLevel;
        UNAVAILABLE = unavailable;
    }

    private final OssAppender appender;
    private final Configuration configuration;

    private EarlyDropFilter(OssAppender appender, Configuration configuration) {
        super(Result.NEUTRAL, Result.NEUTRAL);
        this.appender = appender;
        this.configuration = configuration;
    }

    /**
     * Adds a started filter for {@code appender} to {@code configuration}; returns it, or null when there is nothing
     * to add to, the appender can never refuse an event, or Log4j2's routing cannot be read (said at debug level).
     */
    static EarlyDropFilter install(OssAppender appender, Configuration configuration) {
        if (configuration == null || !appender.getManager().sink().wantsEarlyDrop()) {
            return null;
        }
        if (UNAVAILABLE != null) {
            LOGGER.debug("Oss appender '{}' drops refused events after Log4j2 builds them: {}", appender.getName(),
                    UNAVAILABLE);
            return null;
        }
        EarlyDropFilter filter = new EarlyDropFilter(appender, configuration);
        filter.start();
        configuration.addFilter(filter);
        return filter;
    }

    /** Takes the filter out of its configuration and stops it. */
    void uninstall() {
        configuration.removeFilter(this);
        stop();
    }

    private Result decide(Logger logger, Level level, Object message) {
        try {
            if (message == null || level == null || logger == null || logger.getClass() != Logger.class
                    || level.intLevel() > logger.getLevel().intLevel()) {
                return Result.NEUTRAL;
            }
            LogLevel ours = Levels.of(level);
            LogSink sink = appender.getManager().sink();
            if (!sink.mayRefuse(ours) || !soleDestination(logger.get(), level) || !lastInConfiguration()) {
                return Result.NEUTRAL;
            }
            return sink.dropUnbuiltIfRefused(logger.getName(), ours) ? Result.DENY : Result.NEUTRAL;
        } catch (Throwable e) { // the event then takes the usual path, where the appender handles it
            Containment.rethrowIfFatal(e);
            return Result.NEUTRAL;
        }
    }

    private boolean soleDestination(LoggerConfig config, Level level) {
        if (!appender.isStarted() || appender.hasFilter()) {
            return false;
        }
        int met = 0;
        for (LoggerConfig lc = config; lc != null; lc = lc.isAdditive() ? lc.getParent() : null) {
            // AsyncLoggerConfig and other subclasses may append later, when the buffer has room again
            if ((lc.getClass() != LoggerConfig.class && lc.getClass() != LoggerConfig.RootLogger.class)
                    || lc.getFilter() != null) {
                return false;
            }
            for (AppenderControl control : ((AppenderControlArraySet) APPENDERS.get(lc)).get()) {
                Level refLevel = (Level) REF_LEVEL.get(control);
                if (control.getAppender() != appender || control.getFilter() != null
                        || (refLevel != null && refLevel.intLevel() < level.intLevel())) {
                    return false;
                }
                met++;
            }
        }
        return met == 1;
    }

    /**
     * Whether no filter runs after this one in the configuration's chain (it could deny what this one would count):
     * the filters before it have answered NEUTRAL when it runs. Other EarlyDropFilters may follow: one denies only
     * events whose sole destination is its own appender, which this one never counts.
     */
    private boolean lastInConfiguration() {
        Filter chain = configuration.getFilter();
        if (chain == this) {
            return true;
        }
        if (!(chain instanceof CompositeFilter)) {
            return false;
        }
        Filter[] filters = ((CompositeFilter) chain).getFiltersArray();
        boolean seen = false;
        for (Filter f : filters) {
            if (seen && !(f instanceof EarlyDropFilter)) {
                return false;
            }
            seen |= f == this;
        }
        return seen;
    }

    /** The event exists already: nothing left to save. */
    @Override
    public Result filter(LogEvent event) {
        return Result.NEUTRAL;
    }

    @Override
    public Result filter(Logger logger, Level level, Marker marker, Message msg, Throwable t) {
        return decide(logger, level, msg);
    }

    @Override
    public Result filter(Logger logger, Level level, Marker marker, Object msg, Throwable t) {
        return decide(logger, level, msg);
    }

    @Override
    public Result filter(Logger logger, Level level, Marker marker, String msg) {
        return decide(logger, level, msg);
    }

    @Override
    public Result filter(Logger logger, Level level, Marker marker, String msg, Object... params) {
        return decide(logger, level, msg);
    }

    @Override
    public Result filter(Logger logger, Level level, Marker marker, String msg, Object p0) {
        return decide(logger, level, msg);
    }

    @Override
    public Result filter(Logger logger, Level level, Marker marker, String msg, Object p0, Object p1) {
        return decide(logger, level, msg);
    }

    @Override
    public Result filter(Logger logger, Level level, Marker marker, String msg, Object p0, Object p1, Object p2) {
        return decide(logger, level, msg);
    }

    @Override
    public Result filter(Logger logger, Level level, Marker marker, String msg, Object p0, Object p1, Object p2,
            Object p3) {
        return decide(logger, level, msg);
    }

    @Override
    public Result filter(Logger logger, Level level, Marker marker, String msg, Object p0, Object p1, Object p2,
            Object p3, Object p4) {
        return decide(logger, level, msg);
    }

    @Override
    public Result filter(Logger logger, Level level, Marker marker, String msg, Object p0, Object p1, Object p2,
            Object p3, Object p4, Object p5) {
        return decide(logger, level, msg);
    }

    @Override
    public Result filter(Logger logger, Level level, Marker marker, String msg, Object p0, Object p1, Object p2,
            Object p3, Object p4, Object p5, Object p6) {
        return decide(logger, level, msg);
    }

    @Override
    public Result filter(Logger logger, Level level, Marker marker, String msg, Object p0, Object p1, Object p2,
            Object p3, Object p4, Object p5, Object p6, Object p7) {
        return decide(logger, level, msg);
    }

    @Override
    public Result filter(Logger logger, Level level, Marker marker, String msg, Object p0, Object p1, Object p2,
            Object p3, Object p4, Object p5, Object p6, Object p7, Object p8) {
        return decide(logger, level, msg);
    }

    @Override
    public Result filter(Logger logger, Level level, Marker marker, String msg, Object p0, Object p1, Object p2,
            Object p3, Object p4, Object p5, Object p6, Object p7, Object p8, Object p9) {
        return decide(logger, level, msg);
    }

    @Override
    public String toString() {
        return "EarlyDropFilter{" + appender.getName() + '}';
    }
}
