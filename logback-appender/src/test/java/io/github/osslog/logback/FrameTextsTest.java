package io.github.osslog.logback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** {@link FrameTexts} answers what each frame's own {@code toString()} does, and reuses the text of equal frames. */
class FrameTextsTest {

    @Test
    void answersEachFramesOwnTextAndReusesItForEqualFrames() {
        FrameTexts texts = new FrameTexts();
        StackTraceElement[] first = new IllegalStateException().getStackTrace();
        for (StackTraceElement frame : first) {
            assertEquals(frame.toString(), texts.text(frame));
        }
        StackTraceElement again = new StackTraceElement(first[0].getClassLoaderName(), first[0].getModuleName(),
                first[0].getModuleVersion(), first[0].getClassName(), first[0].getMethodName(),
                first[0].getFileName(), first[0].getLineNumber());
        assertSame(texts.text(first[0]), texts.text(again), "an equal frame of another Throwable hits");
    }

    @Test
    void framesThatShareASlotEachGetTheirOwnText() {
        FrameTexts texts = new FrameTexts();
        for (int round = 0; round < 2; round++) {
            for (int line = 1; line <= 5_000; line++) { // 5,000 frames in 1,024 slots: evictions and collisions
                StackTraceElement frame = new StackTraceElement("shop.Orders", "place", "Orders.java", line);
                assertEquals("shop.Orders.place(Orders.java:" + line + ")", texts.text(frame));
            }
        }
        StackTraceElement nativeFrame = new StackTraceElement("shop.Orders", "hash", null, -2);
        assertEquals("shop.Orders.hash(Native Method)", texts.text(nativeFrame));
    }
}
