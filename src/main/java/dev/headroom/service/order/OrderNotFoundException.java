package dev.headroom.service.order;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A 404 problem response for an order id that does not exist. */
final class OrderNotFoundException extends ErrorResponseException {

    OrderNotFoundException(long orderId) {
        super(HttpStatus.NOT_FOUND, problem(orderId), null);
    }

    private static ProblemDetail problem(long orderId) {
        ProblemDetail problem =
                ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "Order " + orderId + " does not exist");
        problem.setProperty("orderId", orderId);
        return problem;
    }
}
