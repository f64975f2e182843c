package io.github.osslog.testkit.cli;

import io.github.osslog.core.auth.Credentials;
import io.github.osslog.core.internal.sign.SignableRequest;
import io.github.osslog.core.internal.sign.V4Signer;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs the shaded jar as a child process, with nothing else on its class path. */
class StandaloneJarIT {
    private static final Path JAR = Paths.get(System.getProperty("testkit.jar", "target/missing.jar"));

    private static Process launch(String... args) throws IOException {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        String[] command = new String[args.length + 3];
        command[0] = java;
        command[1] = "-jar";
        command[2] = JAR.toString();
        System.arraycopy(args, 0, command, 3, args.length);
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    @Test
    void startsOnAFreePortAndServesSignedAppends() throws Exception {
        assertTrue(Files.isRegularFile(JAR), JAR + " is missing: run mvn verify");
        Process process = launch("--port", "0", "--access-key-id", "AK", "--access-key-secret", "SK",
                "--bucket", "logs");
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            String line = out.readLine();
            assertTrue(line != null && line.matches("osslog testkit listening on http://127\\.0\\.0\\.1:\\d+"), line);
            String endpoint = line.substring(line.lastIndexOf(' ') + 1);

            SignableRequest signable = new SignableRequest("POST", "logs", "app.log")
                    .query("append", null).query("position", "0")
                    .header("content-type", "text/plain"); // HttpURLConnection would send a form type otherwise
            new V4Signer("cn-hangzhou").sign(signable, Credentials.of("AK", "SK"), Instant.now());
            HttpURLConnection connection = (HttpURLConnection) new URL(endpoint + "/logs/app.log?append&position=0")
                    .openConnection();
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            signable.headers().forEach(connection::setRequestProperty);
            connection.getOutputStream().write("hello".getBytes(StandardCharsets.UTF_8));

            assertEquals(200, connection.getResponseCode());
            assertEquals("5", connection.getHeaderField("x-oss-next-append-position"));
            connection.disconnect();
        } finally {
            process.destroy();
            assertTrue(process.waitFor(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void badArgumentsPrintUsageAndExitWithTwo() throws Exception {
        assertTrue(Files.isRegularFile(JAR), JAR + " is missing: run mvn verify");
        Process process = launch("--port", "0");
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertTrue(process.waitFor(10, TimeUnit.SECONDS));
        assertEquals(2, process.exitValue());
        assertTrue(output.contains("usage: java -jar osslog-testkit.jar"), output);
    }
}
