package io.github.osslog.compat.plain;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** Uses the BOM's Caffeine and OkHttp itself, logs numbered lines and returns without stopping Logback. */
public final class PlainApp {
    private PlainApp() {
    }

    public static void main(String[] args) {
        Cache<String, String> cache = Caffeine.newBuilder().maximumSize(10).build();
        cache.put("okhttp", okhttp3.OkHttpClient.class.getPackage().getImplementationVersion() + "");
        Logger log = LoggerFactory.getLogger(PlainApp.class);
        int lines = Integer.getInteger("compat.lines", 200);
        for (int i = 0; i < lines; i++) {
            MDC.put("requestId", "req-" + i);
            log.info("spring line {} Grüße 日志", i);
        }
        MDC.remove("requestId");
        System.out.println("application caffeine: " + Caffeine.class.getPackage().getImplementationVersion()
                + ", cache size " + cache.estimatedSize());
    }
}
