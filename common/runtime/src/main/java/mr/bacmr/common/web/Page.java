package mr.bacmr.common.web;

import java.util.List;
import java.util.function.Function;

/** One page of a list endpoint; {@code total} counts every matching item, so clients can show page counts. */
public record Page<T>(List<T> items, int page, int size, long total) {

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), page, size, total);
    }
}
