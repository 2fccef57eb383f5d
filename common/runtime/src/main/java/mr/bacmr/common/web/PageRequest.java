package mr.bacmr.common.web;

import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;

/**
 * {@code ?page=&size=} on every list endpoint: zero-based page, at most 100 items. Use with {@code @BeanParam @Valid}.
 * The parameters arrive as text and are checked by pattern, so {@code ?page=abc} is a field error like
 * {@code ?page=-1}; as {@code int}s JAX-RS would refuse it itself, with a bare 404 naming nothing.
 */
public class PageRequest {

    public static final int MAX_SIZE = 100;

    @QueryParam("page")
    @DefaultValue("0")
    @Pattern(regexp = "\\d{1,9}", message = "must be a whole number, 0 or more")
    String page;

    @QueryParam("size")
    @DefaultValue("20")
    @Pattern(regexp = "[1-9]\\d?|100", message = "must be a whole number from 1 to " + MAX_SIZE)
    String size;

    public static PageRequest of(int page, int size) {
        PageRequest request = new PageRequest();
        request.page = Integer.toString(page);
        request.size = Integer.toString(size);
        return request;
    }

    /** The zero-based page; valid once the request passed validation. */
    public int page() {
        return Integer.parseInt(page);
    }

    /** Items per page, 1 to {@link #MAX_SIZE}; valid once the request passed validation. */
    public int size() {
        return Integer.parseInt(size);
    }

    public long offset() {
        return (long) page() * size();
    }
}
