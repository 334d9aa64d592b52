package dev.headroom.service;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error as an RFC 9457 problem detail. Spring's own validation problems say only "Invalid
 * request content"; these add which field, header or parameter was wrong, so a load test's failed
 * request can be diagnosed from its response alone.
 */
@RestControllerAdvice
class ProblemResponses extends ResponseEntityExceptionHandler {

    /** One rejected input: a body field such as {@code lines[0].quantity}, a header or a parameter. */
    record InvalidField(String field, String message) {}

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        describe(ex.getBody(), fieldErrors(ex.getBindingResult().getFieldErrors()));
        return super.handleMethodArgumentNotValid(ex, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<InvalidField> invalid = new ArrayList<>();
        for (ParameterValidationResult result : ex.getParameterValidationResults()) {
            if (result instanceof ParameterErrors body) {
                invalid.addAll(fieldErrors(body.getFieldErrors()));
            } else {
                String name = inputName(result.getMethodParameter());
                result.getResolvableErrors()
                        .forEach(error -> invalid.add(new InvalidField(name, error.getDefaultMessage())));
            }
        }
        describe(ex.getBody(), invalid);
        return super.handleHandlerMethodValidationException(ex, headers, status, request);
    }

    private static void describe(ProblemDetail problem, List<InvalidField> invalid) {
        problem.setDetail("Invalid request: "
                + invalid.stream().map(InvalidField::field).distinct().collect(Collectors.joining(", ")));
        problem.setProperty("errors", invalid);
    }

    private static List<InvalidField> fieldErrors(List<FieldError> errors) {
        return errors.stream()
                .map(e -> new InvalidField(e.getField(), e.getDefaultMessage()))
                .toList();
    }

    /** The name the client used (the header's, the query parameter's), not the Java parameter's. */
    private static String inputName(MethodParameter parameter) {
        RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
        if (header != null) return firstNonEmpty(header.name(), header.value(), parameter.getParameterName());
        RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
        if (param != null) return firstNonEmpty(param.name(), param.value(), parameter.getParameterName());
        return parameter.getParameterName();
    }

    private static String firstNonEmpty(String... names) {
        for (String name : names) {
            if (name != null && !name.isEmpty()) return name;
        }
        return "?";
    }
}
