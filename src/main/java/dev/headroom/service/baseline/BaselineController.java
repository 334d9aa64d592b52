package dev.headroom.service.baseline;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The service's floor: HTTP, the servlet stack and JSON with no database work, measured beside the
 * real endpoints as a benchmark measures its baseline, so their cost can be told from the stack's.
 */
@RestController
class BaselineController {

    record Status(String status) {}

    private static final Status OK = new Status("ok");

    @GetMapping("/baseline")
    Status baseline() {
        return OK;
    }
}
