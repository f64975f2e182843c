package io.github.osslog.core.internal.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.osslog.core.internal.buffer.DropReason;
import io.github.osslog.core.testing.RecordingLogger;
import java.time.Clock;
import java.util.Collections;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import javax.management.openmbean.TabularData;
import org.junit.jupiter.api.Test;

class JmxRegistrationTest {
    private final MBeanServer server = MBeanServerFactory.newMBeanServer();
    private final RecordingLogger logger = new RecordingLogger();

    private PipelineMetrics metrics() {
        return new PipelineMetrics(Clock.systemUTC(), () -> 42,
                () -> Collections.singletonMap("buffer full", 3L));
    }

    @Test
    void exposesCountersAndMapsAndUnregisters() throws Exception {
        PipelineMetrics m = metrics();
        m.failure("InternalError", "boom");
        try (JmxRegistration r = JmxRegistration.register(server, "app", m, logger)) {
            ObjectName name = new ObjectName("io.github.osslog:type=Pipeline,name=app");
            assertEquals(name, r.name());
            assertEquals(42L, server.getAttribute(name, "BufferBytesInUse"));
            assertEquals(3L, server.getAttribute(name, "EventsDropped"));
            TabularData failures = (TabularData) server.getAttribute(name, "FailuresByCode");
            assertEquals(1, failures.size());
            assertTrue(((String) server.getAttribute(name, "LastError")).endsWith("boom"));
        }
        assertFalse(server.isRegistered(new ObjectName("io.github.osslog:type=Pipeline,name=app")));
    }

    @Test
    void aTakenNameGetsASuffixAndAWarning() {
        try (JmxRegistration first = JmxRegistration.register(server, "app", metrics(), logger);
                JmxRegistration second = JmxRegistration.register(server, "app", metrics(), logger);
                JmxRegistration third = JmxRegistration.register(server, "app", metrics(), logger)) {
            assertEquals("app-2", second.name().getKeyProperty("name"));
            assertEquals("app-3", third.name().getKeyProperty("name"));
            assertEquals(2, logger.at("WARN").size());
        }
    }

    @Test
    void droppedByReasonMergesBufferAndPipelineReasonsAndHidesZeros() {
        PipelineMetrics m = new PipelineMetrics(Clock.systemUTC(), () -> 0,
                () -> Map.of("buffer full", 3L, "level discard", 0L));
        m.eventDropped(DropReason.PIPELINE_STOPPED);
        assertEquals(Map.of("buffer full", 3L, "pipeline stopped", 1L), m.getEventsDroppedByReason());
        assertEquals(4, m.getEventsDropped());
    }
}
