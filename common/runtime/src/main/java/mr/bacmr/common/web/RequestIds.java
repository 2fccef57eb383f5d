package mr.bacmr.common.web;

import java.util.UUID;
import java.util.regex.Pattern;

import org.jboss.logging.MDC;

/**
 * The request id (S9b): accepted from {@code X-Request-ID} when it looks sane, generated otherwise,
 * and kept in the logging context under {@code request_id} for the rest of the request or event.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-ID";
    public static final String MDC_KEY = "request_id";

    // Printable, no spaces or quotes: the value ends up in logs and headers, so it must not inject either.
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:@/+=-]{1,128}");

    public static boolean isAcceptable(String candidate) {
        return candidate != null && ACCEPTED.matcher(candidate).matches();
    }

    public static String acceptOrGenerate(String candidate) {
        return isAcceptable(candidate) ? candidate : UUID.randomUUID().toString();
    }

    public static String current() {
        Object value = MDC.get(MDC_KEY);
        return value == null ? null : value.toString();
    }

    public static String currentOrNew() {
        String current = current();
        return current != null ? current : UUID.randomUUID().toString();
    }

    public static void bind(String requestId) {
        if (requestId == null) {
            MDC.remove(MDC_KEY);
        } else {
            MDC.put(MDC_KEY, requestId);
        }
    }

    private RequestIds() {
    }
}
