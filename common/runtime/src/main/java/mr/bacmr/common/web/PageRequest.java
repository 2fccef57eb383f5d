package mr.bacmr.common.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MultivaluedMap;

import java.util.ArrayList;
import java.util.List;

/** {@code ?page=&size=} on every list endpoint: zero-based page, at most 100 items. Use with {@code @BeanParam @Valid}. */
public class PageRequest {

    public static final int MAX_SIZE = 100;

    @QueryParam("page")
    @DefaultValue("0")
    @Min(0)
    public int page;

    @QueryParam("size")
    @DefaultValue("20")
    @Min(1)
    @Max(MAX_SIZE)
    public int size;

    public static PageRequest of(int page, int size) {
        PageRequest request = new PageRequest();
        request.page = page;
        request.size = size;
        return request;
    }

    public long offset() {
        return (long) page * size;
    }

    /**
     * {@code page} or {@code size} given as something other than a whole number, as field errors. JAX-RS answers
     * such a query parameter with a bare 404 (it cannot build the resource's arguments); a client is better told
     * which parameter to fix, as for one out of range.
     */
    public static List<Problem.FieldError> unparsable(MultivaluedMap<String, String> query) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (String name : List.of("page", "size")) {
            String value = query.getFirst(name);
            if (value != null) {
                try {
                    Integer.parseInt(value.strip());
                } catch (NumberFormatException e) {
                    errors.add(new Problem.FieldError(name, "must be a whole number"));
                }
            }
        }
        return errors;
    }
}
