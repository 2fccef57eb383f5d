package mr.bacmr.retrieval.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** The warnings one class logs while a test runs, caught by a handler on its logger (the app's, in-JVM). */
public final class CapturedWarnings implements AutoCloseable {

    private final Logger logger;
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                messages.add(record.getMessage());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private CapturedWarnings(Class<?> source) {
        logger = Logger.getLogger(source.getName());
        logger.addHandler(handler);
    }

    public static CapturedWarnings of(Class<?> source) {
        return new CapturedWarnings(source);
    }

    /** The warnings (their unformatted messages) that contain {@code text}. */
    public long count(String text) {
        return messages.stream().filter(message -> message != null && message.contains(text)).count();
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
    }
}
