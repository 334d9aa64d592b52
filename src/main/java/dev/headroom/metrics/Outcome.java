package dev.headroom.metrics;

/** How one request ended, as the injector saw it; everything but OK is an error, by cause. */
public enum Outcome {
    OK("ok"),
    HTTP_4XX("http_4xx"),
    HTTP_5XX("http_5xx"),
    TIMEOUT("timeout"),
    CONNECTION("connection"),
    /** A 2xx/3xx answer that failed its checks: wrong status for the call, or a body without the id. */
    BAD_RESPONSE("bad_response");

    private final String key;

    Outcome(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /**
     * The cause of a failed request. {@code status} is null when no response came back: then it is
     * a timeout if it lasted the whole request timeout, else the connection failed.
     */
    public static Outcome ofFailure(Integer status, double elapsedS, double requestTimeoutS) {
        if (status == null) return elapsedS >= requestTimeoutS * 0.99 ? TIMEOUT : CONNECTION;
        if (status >= 500) return HTTP_5XX;
        if (status >= 400) return HTTP_4XX;
        return BAD_RESPONSE;
    }
}
