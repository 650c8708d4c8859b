package br.ft9.common.api;

import java.util.List;
import java.util.function.Function;

import br.ft9.common.errors.InvalidField;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.panache.common.Page;
import io.smallrye.mutiny.Uni;

/** A page of a list, as every FT9 API answers it: {@code {"items": [...], "page": 0, "size": 20, "total": N}}. */
public record PageResponse<T>(List<T> items, int page, int size, long total) {

    public static final int MAX_SIZE = 100;

    /**
     * One page of a query and its total, with the page clamped to 0.. and the size to 1..{@value #MAX_SIZE}; a page so
     * far that its first row would overflow the database's offset is refused with 400 naming {@code page}.
     */
    public static <T> Uni<PageResponse<T>> of(PanacheQuery<T> query, int page, int size) {
        int pageSize = Math.max(1, Math.min(size, MAX_SIZE));
        int pageIndex = Math.max(0, page);
        if ((long) pageIndex * pageSize > Integer.MAX_VALUE) {
            return Uni.createFrom().failure(new InvalidField("page", "page is at most " + (Integer.MAX_VALUE / pageSize)
                    + " with size " + pageSize));
        }
        return query.page(Page.of(pageIndex, pageSize)).list()
                .chain(items -> query.count().map(total -> new PageResponse<>(List.copyOf(items), pageIndex, pageSize, total)));
    }

    public <R> PageResponse<R> map(Function<T, R> mapper) {
        return new PageResponse<>(items.stream().map(mapper).toList(), page, size, total);
    }
}
