package dev.headroom.service.store;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A 404 problem response for a store id that does not exist. */
public final class StoreNotFoundException extends ErrorResponseException {

    public StoreNotFoundException(long storeId) {
        super(HttpStatus.NOT_FOUND, problem(storeId), null);
    }

    private static ProblemDetail problem(long storeId) {
        ProblemDetail problem =
                ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "Store " + storeId + " does not exist");
        problem.setProperty("storeId", storeId);
        return problem;
    }
}
