package mr.bacmr.common.web;

import io.smallrye.mutiny.Uni;

import java.util.List;
import java.util.function.Function;

/** One page of a list endpoint; {@code total} counts every matching item, so clients can show page counts. */
public record Page<T>(List<T> items, int page, int size, long total) {

    /** One page from a query of its items and a count of all matches, run concurrently. */
    public static <T> Uni<Page<T>> of(Uni<List<T>> items, Uni<Long> total, PageRequest request) {
        return Uni.combine().all().unis(items, total).asTuple()
                .map(both -> new Page<>(both.getItem1(), request.page(), request.size(), both.getItem2()));
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), page, size, total);
    }
}
