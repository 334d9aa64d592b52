package dev.headroom.compare;

/** How one figure moved between two runs, judged against its noise and its gate. */
public enum Change {
    /** Within the run-to-run noise: the two runs may well be of the same build. */
    NOISE("within noise"),
    /** Beyond the noise, the good way. */
    BETTER("better"),
    /** Beyond the noise, the bad way. */
    WORSE("worse"),
    /** No noise is known for this figure: reported, never failed on alone, whatever its size. */
    UNJUDGED("unjudged: no noise measured"),
    /** Closer than the resolution of the figure's samples, one below it ({@link Figure#resolution()}): not compared. */
    WITHIN_RESOLUTION("below the measurement's resolution"),
    /** Either run lacks the figure. */
    NOT_MEASURED("not measured");

    private final String words;

    Change(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }
}
