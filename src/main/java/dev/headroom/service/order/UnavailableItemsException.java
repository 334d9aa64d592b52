package dev.headroom.service.order;

import java.util.Collection;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A 422 problem response: the request is well formed, but some items are not on the store's menu
 * or not available (including items of another store, and any item of a store that does not exist).
 */
final class UnavailableItemsException extends ErrorResponseException {

    UnavailableItemsException(long storeId, Collection<Long> itemIds) {
        super(HttpStatus.UNPROCESSABLE_ENTITY, problem(storeId, List.copyOf(itemIds)), null);
    }

    private static ProblemDetail problem(long storeId, List<Long> itemIds) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.UNPROCESSABLE_ENTITY, "Items " + itemIds + " are not available in store " + storeId);
        problem.setProperty("storeId", storeId);
        problem.setProperty("itemIds", itemIds);
        return problem;
    }
}
