package io.github.osslog.benchmarks;

import java.util.Random;

/**
 * The one log mix every benchmark logs: a web shop's lines (requests, orders, cache, payments) at DEBUG 22%,
 * INFO 63%, WARN 12% and ERROR 3% (the ERROR lines carry a 12-frame exception), with arguments drawn once from a
 * seeded pool so the app thread allocates nothing for them. Also the one layout pattern. Immutable, thread-safe.
 */
final class EventMix {
    /** The Logback pattern; {@link #LOG4J2_PATTERN} prints the same bytes for the same event. */
    static final String LOGBACK_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX,UTC} %-5level [%thread] %logger - %msg%n";
    static final String LOG4J2_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX}{UTC} %-5level [%thread] %logger - %msg%n";

    enum Level { DEBUG, INFO, WARN, ERROR }

    /** One prepared log call: level, logger, SLF4J/Log4j2 {@code {}} format, two arguments, maybe a throwable. */
    static final class Event {
        final Level level;
        final int logger;
        final String format;
        final Object arg1;
        final Object arg2;
        final Throwable error;

        Event(Level level, int logger, String format, Object arg1, Object arg2, Throwable error) {
            this.level = level;
            this.logger = logger;
            this.format = format;
            this.arg1 = arg1;
            this.arg2 = arg2;
            this.error = error;
        }
    }

    static final String[] LOGGERS = {
        "shop.web.RequestLog", "shop.checkout.OrderService", "shop.catalog.PriceCache", "shop.payment.Gateway",
        "shop.stock.Reservations",
    };

    /** The 32 line shapes of one cycle of the mix, in logging order. */
    private static final Object[][] SHAPES = {
        {Level.INFO, 0, "GET /api/v1/products/{} -> 200 in {} ms"},
        {Level.DEBUG, 2, "price cache lookup sku={} hit={}"},
        {Level.INFO, 1, "order {} accepted for customer {}"},
        {Level.INFO, 0, "GET /api/v1/orders/{} -> 200 in {} ms"},
        {Level.DEBUG, 2, "price cache lookup sku={} hit={}"},
        {Level.INFO, 4, "reserved stock for order {}: {} items"},
        {Level.INFO, 0, "POST /api/v1/cart/{}/items -> 201 in {} ms"},
        {Level.WARN, 3, "payment provider slow: {} ms for order {}"},
        {Level.INFO, 3, "payment {} authorised for order {}"},
        {Level.DEBUG, 1, "order {} state changed to {}"},
        {Level.INFO, 0, "GET /api/v1/products/{} -> 200 in {} ms"},
        {Level.INFO, 1, "order {} accepted for customer {}"},
        {Level.INFO, 0, "GET /api/v1/orders/{} -> 200 in {} ms"},
        {Level.DEBUG, 2, "price cache lookup sku={} hit={}"},
        {Level.INFO, 4, "reserved stock for order {}: {} items"},
        {Level.ERROR, 4, "could not reserve stock for order {} (attempt {})"},
        {Level.INFO, 0, "GET /api/v1/products/{} -> 200 in {} ms"},
        {Level.DEBUG, 1, "order {} state changed to {}"},
        {Level.INFO, 3, "payment {} authorised for order {}"},
        {Level.WARN, 0, "GET /api/v1/orders/{} -> 404 in {} ms"},
        {Level.INFO, 0, "POST /api/v1/cart/{}/items -> 201 in {} ms"},
        {Level.INFO, 1, "order {} accepted for customer {}"},
        {Level.DEBUG, 2, "price cache lookup sku={} hit={}"},
        {Level.INFO, 0, "GET /api/v1/products/{} -> 200 in {} ms"},
        {Level.INFO, 4, "reserved stock for order {}: {} items"},
        {Level.WARN, 3, "payment provider slow: {} ms for order {}"},
        {Level.INFO, 3, "payment {} authorised for order {}"},
        {Level.DEBUG, 1, "order {} state changed to {}"},
        {Level.INFO, 0, "GET /api/v1/orders/{} -> 200 in {} ms"},
        {Level.INFO, 1, "order {} accepted for customer {}"},
        {Level.INFO, 0, "POST /api/v1/cart/{}/items -> 201 in {} ms"},
        {Level.WARN, 2, "price cache evicted {} entries in {} ms"},
    };
    private static final String[] STATES = {"PAID", "PACKED", "SHIPPED", "CANCELLED"};
    private static final int SIZE = 4096;
    private static final Event[] EVENTS = build();

    private EventMix() {
    }

    /** The event for the {@code n}-th call of a logging thread; the mix repeats every 4096 calls. */
    static Event event(long n) {
        return EVENTS[(int) (n & (SIZE - 1))];
    }

    private static Event[] build() {
        Random random = new Random(42);
        Throwable error = stockError();
        Event[] events = new Event[SIZE];
        for (int i = 0; i < SIZE; i++) {
            Object[] shape = SHAPES[i % SHAPES.length];
            Level level = (Level) shape[0];
            String format = (String) shape[2];
            events[i] = new Event(level, (Integer) shape[1], format, arg(format, 0, random), arg(format, 1, random),
                    level == Level.ERROR ? error : null);
        }
        return events;
    }

    /** A realistic argument for the {@code index}-th placeholder of {@code format}. */
    private static Object arg(String format, int index, Random random) {
        if (format.startsWith("price cache lookup")) {
            return index == 0 ? "SKU-" + (100000 + random.nextInt(5000)) : random.nextInt(10) < 8;
        }
        if (format.startsWith("order {} state")) {
            return index == 0 ? orderId(random) : STATES[random.nextInt(STATES.length)];
        }
        if (format.contains("in {} ms") || format.startsWith("payment provider slow")) {
            boolean millis = format.startsWith("payment provider slow") ? index == 0 : index == 1;
            if (millis) {
                return format.startsWith("payment") ? 2000 + random.nextInt(3000) : 1 + random.nextInt(120);
            }
            return format.startsWith("payment") ? orderId(random) : Integer.toString(10000 + random.nextInt(90000));
        }
        if (format.startsWith("payment {}")) {
            return index == 0 ? "pay_" + Long.toHexString(random.nextLong() >>> 16) : orderId(random);
        }
        if (format.startsWith("order {} accepted")) {
            return index == 0 ? orderId(random) : "C" + (1000000 + random.nextInt(9000000));
        }
        return index == 0 ? orderId(random) : 1 + random.nextInt(9);
    }

    private static String orderId(Random random) {
        return "ORD-2026-" + (1000000 + random.nextInt(9000000));
    }

    /** An exception with a fixed, application-like stack, so every framework prints the same trace. */
    private static Throwable stockError() {
        IllegalStateException cause = new IllegalStateException("stock service answered 503 Service Unavailable");
        cause.setStackTrace(new StackTraceElement[] {
            frame("shop.stock.StockClient", "call", 212), frame("shop.stock.StockClient", "reserve", 88),
            frame("shop.stock.Reservations", "reserve", 54), frame("shop.checkout.OrderService", "place", 131),
            frame("shop.web.CheckoutController", "checkout", 47), frame("shop.web.Dispatcher", "dispatch", 96),
            frame("shop.web.Dispatcher", "handle", 61), frame("shop.web.RequestLoop", "run", 33),
            frame("java.util.concurrent.ThreadPoolExecutor", "runWorker", 1144),
            frame("java.util.concurrent.ThreadPoolExecutor$Worker", "run", 642),
            frame("java.lang.Thread", "run", 1583), frame("shop.web.Server", "main", 21),
        });
        return cause;
    }

    private static StackTraceElement frame(String type, String method, int line) {
        return new StackTraceElement(type, method, type.substring(type.lastIndexOf('.') + 1) + ".java", line);
    }
}
