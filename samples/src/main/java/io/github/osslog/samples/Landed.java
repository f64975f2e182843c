package io.github.osslog.samples;

import io.github.osslog.core.oss.ObjectListing;
import io.github.osslog.core.oss.ObjectSummary;
import io.github.osslog.core.oss.OssClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

/** Lists the objects under a prefix and prints their content: what a reader of the bucket sees. Stateless. */
final class Landed {
    private Landed() {
    }

    /** Prints every object under {@code prefix} and returns their concatenated text. */
    static String print(OssClient oss, String prefix, PrintStream out) throws IOException {
        StringBuilder all = new StringBuilder();
        String token = null;
        do {
            ObjectListing page = oss.list(prefix, null, token, 1000);
            for (ObjectSummary object : page.objects()) {
                String text = text(object.key(), oss.get(object.key()));
                out.println("--- " + object.key() + " (" + object.type() + ", " + object.size() + " bytes)");
                out.print(text);
                all.append(text);
            }
            token = page.nextContinuationToken();
        } while (token != null);
        return all.toString();
    }

    private static String text(String key, byte[] bytes) throws IOException {
        if (!key.endsWith(".gz")) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
