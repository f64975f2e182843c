package io.github.osslog.logback;

import ch.qos.logback.core.status.Status;
import io.github.osslog.testkit.OssTestServer;
import io.github.osslog.testkit.adapters.AbstractStrayCredentialBytesTest;
import java.time.Duration;
import java.util.List;

/** {@link AbstractStrayCredentialBytesTest} on Logback: settings are the appender's XML elements. */
class StrayCredentialBytesTest extends AbstractStrayCredentialBytesTest {
    private LogbackConfig config;

    @Override
    protected void start(OssTestServer server, String version, String[] values) {
        String xml = LogbackConfig.withRoot(
                "<appender name=\"OSS\" class=\"io.github.osslog.logback.OssAppender\">\n"
                        + "<endpoint>${endpoint}</endpoint><region>${region}</region><bucket>" + BUCKET + "</bucket>\n"
                        + "<accessKeyId>" + xml(values[0]) + "</accessKeyId>\n"
                        + "<accessKeySecret>" + xml(values[1]) + "</accessKeySecret>\n"
                        + "<securityToken>" + xml(values[2]) + "</securityToken>\n"
                        + "<signatureVersion>" + version + "</signatureVersion>\n"
                        + "<objectKeyPattern>app/%i.log</objectKeyPattern>\n"
                        + "<initialBackoff>1 millisecond</initialBackoff><maxBackoff>20 milliseconds</maxBackoff>\n"
                        + "<shutdownTimeout>2 seconds</shutdownTimeout>\n"
                        + "<encoder><pattern>%msg%n</pattern></encoder>\n"
                        + "</appender>\n", "OSS");
        // written into the XML, not substituted: Logback's own INFO status shows every substituted value
        config = new LogbackConfig(xml, LogbackConfig.serverProperties(server));
    }

    /** Control characters as character references, which XML keeps in element text. */
    private static String xml(String value) {
        return value.replace("\r", "&#13;").replace("\n", "&#10;");
    }

    @Override
    protected boolean started() {
        return config.oss("OSS").isStarted();
    }

    @Override
    protected void log(String message) {
        config.logger("app").info(message);
    }

    @Override
    protected boolean flush(Duration timeout) {
        return config.oss("OSS").flush(timeout);
    }

    @Override
    protected void recordAppender() {
        OssAppender appender = config.oss("OSS");
        seen.add(String.valueOf(appender));
        if (appender.getMetrics() != null) {
            seen.add(String.valueOf(appender.getMetrics()));
            seen.add(appender.getMetrics().getLastError());
            seen.add(String.valueOf(appender.getMetrics().getFailuresByCode()));
        }
    }

    /** A configuration problem is a WARN status (docs/configuration-errors.md), so a host such as Spring Boot starts. */
    @Override
    protected List<String> configurationProblems() {
        return config.statuses(Status.WARN);
    }

    @Override
    protected void stopAndRecordStatuses() {
        if (config == null) {
            return;
        }
        config.stop();
        for (Status status : config.context.getStatusManager().getCopyOfStatusList()) {
            recordStatus(status.toString(), status.getThrowable());
        }
    }

    @Override
    protected String environmentConfiguration(OssTestServer server) {
        StringBuilder appenders = new StringBuilder();
        for (String version : new String[] {"V1", "V4"}) {
            appenders.append("<appender name=\"").append(version)
                    .append("\" class=\"io.github.osslog.logback.OssAppender\">\n")
                    .append("<endpoint>").append(server.endpoint()).append("</endpoint><region>")
                    .append(server.region()).append("</region><bucket>" + BUCKET + "</bucket>\n")
                    .append("<signatureVersion>").append(version).append("</signatureVersion>\n")
                    .append("<objectKeyPattern>").append(version).append("/%i.log</objectKeyPattern>\n")
                    .append("<initialBackoff>1 millisecond</initialBackoff><maxBackoff>20 milliseconds</maxBackoff>\n")
                    .append("<encoder><pattern>%msg%n</pattern></encoder>\n</appender>\n");
        }
        return LogbackConfig.withRoot(appenders.toString(), "V1", "V4");
    }

    @Override
    protected String configurationFileProperty() {
        return "logback.configurationFile";
    }

    @Override
    protected Class<?> childApplication() {
        return EnvCredentialsApp.class;
    }
}
