package br.ft9.common.api;

import java.util.List;
import java.util.function.Function;

/** A page of a list, as every FT9 API answers it: {@code {"items": [...], "page": 0, "size": 20, "total": N}}. */
public record PageResponse<T>(List<T> items, int page, int size, long total) {

    public static final int MAX_SIZE = 100;

    public <R> PageResponse<R> map(Function<T, R> mapper) {
        return new PageResponse<>(items.stream().map(mapper).toList(), page, size, total);
    }
}
