package io.github.osslog.core.internal.metrics;

import io.github.osslog.core.metrics.PipelineMXBean;
import io.github.osslog.core.InternalLogger;
import java.lang.management.ManagementFactory;
import javax.management.InstanceAlreadyExistsException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Registers a pipeline's {@link PipelineMXBean} as {@code io.github.osslog:type=Pipeline,name=<name>}. When that
 * name is taken (two pipelines with one name), the second becomes {@code <name>-2}, then {@code -3}, and so on.
 * JMX problems are reported, never thrown. Thread-safe.
 */
public final class JmxRegistration implements AutoCloseable {
    static final String DOMAIN = "io.github.osslog";
    private static final int MAX_SUFFIX = 1000;

    private final MBeanServer server;
    private final ObjectName name;
    private final InternalLogger logger;

    private JmxRegistration(MBeanServer server, ObjectName name, InternalLogger logger) {
        this.server = server;
        this.name = name;
        this.logger = logger;
    }

    /** Registers {@code bean} with the platform MBean server; returns a registration whose name may be null. */
    public static JmxRegistration register(String pipelineName, PipelineMXBean bean, InternalLogger logger) {
        return register(ManagementFactory.getPlatformMBeanServer(), pipelineName, bean, logger);
    }

    static JmxRegistration register(MBeanServer server, String pipelineName, PipelineMXBean bean,
            InternalLogger logger) {
        for (int n = 1; n <= MAX_SUFFIX; n++) {
            String candidate = n == 1 ? pipelineName : pipelineName + "-" + n;
            try {
                ObjectName name = objectName(candidate);
                server.registerMBean(bean, name);
                if (n > 1) {
                    logger.warn("JMX name for pipeline '" + pipelineName + "' is taken by another pipeline;"
                            + " registered as " + name);
                }
                return new JmxRegistration(server, name, logger);
            } catch (InstanceAlreadyExistsException e) {
                continue;
            } catch (JMException | RuntimeException e) {
                logger.warn("Could not register the JMX MBean of pipeline '" + pipelineName + "'", e);
                return new JmxRegistration(server, null, logger);
            }
        }
        logger.warn("Could not register the JMX MBean of pipeline '" + pipelineName + "': all names are taken");
        return new JmxRegistration(server, null, logger);
    }

    static ObjectName objectName(String pipelineName) throws JMException {
        String value = pipelineName.matches("[A-Za-z0-9._-]+") ? pipelineName : ObjectName.quote(pipelineName);
        return new ObjectName(DOMAIN + ":type=Pipeline,name=" + value);
    }

    /** The registered name, or {@code null} when registration failed. */
    public ObjectName name() {
        return name;
    }

    /** Unregisters the MBean; safe to call more than once. */
    @Override
    public void close() {
        if (name == null) {
            return;
        }
        try {
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
        } catch (JMException | RuntimeException e) {
            logger.warn("Could not unregister JMX MBean " + name, e);
        }
    }
}
