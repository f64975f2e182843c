package io.github.osslog.log4j2;

import io.github.osslog.testkit.OssTestServer;
import io.github.osslog.testkit.adapters.AbstractStrayCredentialBytesTest;
import java.time.Duration;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.BeforeEach;

/** {@link AbstractStrayCredentialBytesTest} on Log4j2: settings are the appender's attributes. */
class StrayCredentialBytesTest extends AbstractStrayCredentialBytesTest {
    private TestContext ctx;
    private StatusCapture status;

    @BeforeEach
    void listen() {
        status = StatusCapture.start(Level.TRACE);
    }

    @Override
    protected void start(OssTestServer server, String version, String[] values) {
        ctx = OssConfig.forServer(server).set("accessKeyId", values[0]).set("accessKeySecret", values[1])
                .set("securityToken", values[2]).set("signatureVersion", version).start(dir);
    }

    /** A refused appender is not built: Log4j2 has no appender to ask. */
    @Override
    protected boolean started() {
        return ctx.oss() != null;
    }

    @Override
    protected void log(String message) {
        ctx.logger("app").info(message);
    }

    @Override
    protected boolean flush(Duration timeout) {
        return ctx.oss().flush(timeout);
    }

    @Override
    protected void recordAppender() {
        seen.add(String.valueOf(ctx.oss()));
        seen.add(ctx.context().getConfiguration().toString());
        if (ctx.oss() != null) {
            seen.add(ctx.oss().getManager().toString());
            seen.add(ctx.oss().getManager().getName());
            seen.add(String.valueOf(ctx.oss().getMetrics()));
            seen.add(ctx.oss().getMetrics().getLastError());
            seen.add(String.valueOf(ctx.oss().getMetrics().getFailuresByCode()));
        }
    }

    @Override
    protected List<String> configurationProblems() {
        return status.atLeast(Level.ERROR);
    }

    @Override
    protected void stopAndRecordStatuses() {
        if (ctx != null) {
            ctx.close();
        }
        status.close();
        seen.addAll(status.formattedWithTraces());
    }

    @Override
    protected String environmentConfiguration(OssTestServer server) {
        StringBuilder appenders = new StringBuilder();
        for (String version : new String[] {"V1", "V4"}) {
            appenders.append("    <Oss name=\"").append(version).append("\" endpoint=\"").append(server.endpoint())
                    .append("\" region=\"").append(server.region()).append("\" bucket=\"").append(BUCKET)
                    .append("\" signatureVersion=\"").append(version).append("\" objectKeyPattern=\"")
                    .append(version).append("/%i.log\" initialBackoff=\"1ms\" maxBackoff=\"20ms\">\n")
                    .append("      <PatternLayout pattern=\"%m%n\"/>\n    </Oss>\n");
        }
        // no status attribute: what a user without status configuration sees
        return "<Configuration>\n  <Appenders>\n" + appenders + "  </Appenders>\n  <Loggers>\n"
                + "    <Root level=\"info\"><AppenderRef ref=\"V1\"/><AppenderRef ref=\"V4\"/></Root>\n"
                + "  </Loggers>\n</Configuration>\n";
    }

    @Override
    protected String configurationFileProperty() {
        return "log4j2.configurationFile";
    }

    @Override
    protected Class<?> childApplication() {
        return EnvCredentialsApp.class;
    }
}
