package io.github.osslog.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's first command, end to end: both samples ship into the embedded testkit and print what landed. */
class SamplesTest {

    @Test
    void bothSamplesShipEveryEventOnceAndPrintWhatLanded() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        try (Target target = Target.fromEnvironment()) {
            assertTrue(target.toString().startsWith("the embedded osslog testkit"), target.toString());
            List<String> logback = LogbackSample.run(target, out);
            String afterLogback = buffer.toString(StandardCharsets.UTF_8);
            List<String> log4j2 = Log4j2Sample.run(target, out);
            String all = buffer.toString(StandardCharsets.UTF_8);
            String log4j2Part = all.substring(afterLogback.length());

            assertEachOnce(logback, afterLogback);
            assertEachOnce(log4j2, log4j2Part);
            for (String part : new String[] {afterLogback, log4j2Part}) {
                assertTrue(part.contains("requestId=req-3-4"), "MDC/thread context is shipped");
                assertTrue(part.contains("java.lang.IllegalStateException: payment declined for order 2"), part);
                assertTrue(part.contains("Caused by: java.io.IOException: gateway timed out"), part);
                assertTrue(part.contains("[worker-1]"), part);
            }
            assertTrue(afterLogback.contains("--- samples/logback/"), afterLogback);
            assertTrue(log4j2Part.contains("--- samples/log4j2/") && log4j2Part.contains(".log.gz (Appendable"),
                    log4j2Part);

            ByteArrayOutputStream readBack = new ByteArrayOutputStream();
            assertEquals(0, ReadBack.run(target, new PrintStream(readBack, true, StandardCharsets.UTF_8), System.err));
            String read = readBack.toString(StandardCharsets.UTF_8);
            assertEachOnce(logback, read.substring(0, read.indexOf("osslog.jar ls 'samples/log4j2")));
            assertEachOnce(log4j2, read.substring(read.indexOf("osslog.jar ls 'samples/log4j2")));
            assertTrue(read.contains("\tAppendable\t"), "osslog ls lists the objects: " + read);
        }
    }

    private static void assertEachOnce(List<String> messages, String output) {
        assertEquals(Workload.THREADS * Workload.EVENTS_PER_THREAD, messages.size());
        for (String message : messages) {
            int first = output.indexOf(message + "\n");
            assertTrue(first >= 0, "missing: " + message);
            assertEquals(-1, output.indexOf(message + "\n", first + 1), "duplicated: " + message);
        }
    }
}
