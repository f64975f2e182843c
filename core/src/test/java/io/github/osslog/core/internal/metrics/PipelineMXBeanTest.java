package io.github.osslog.core.internal.metrics;

import io.github.osslog.core.metrics.PipelineMXBean;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/** What the appenders hand out as their counters can only read them. */
class PipelineMXBeanTest {

    @Test
    void everyMethodIsAGetterWithoutArguments() {
        Method[] methods = PipelineMXBean.class.getMethods();
        assertTrue(methods.length > 20, "the interface lists the counters");
        for (Method m : methods) {
            assertTrue(m.getName().startsWith("get"), m.getName());
            assertEquals(0, m.getParameterCount(), m.getName());
            assertNotEquals(void.class, m.getReturnType(), m.getName());
        }
    }
}
