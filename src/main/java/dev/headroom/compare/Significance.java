package dev.headroom.compare;

import org.hipparchus.distribution.continuous.TDistribution;

/**
 * How sure a comparison of two single runs is that a figure moved, given the run-to-run noise of
 * that figure measured on one commit: its coefficient of variation {@code cv} over {@code n} runs.
 *
 * <p>Two independent runs of one build differ, relative to the mean, with a standard deviation of
 * √2·cv (the variance of a difference is the sum of the variances). The relative change d between
 * the two runs is therefore set against √2·cv: t = d / (√2·cv). Because cv itself was estimated
 * from n runs, t is read against Student's t distribution with n − 1 degrees of freedom (the
 * difference of two normal observations over a standard deviation estimated independently), which
 * makes a noise estimate from 3 runs demand a change 4.3 times its noise for 95 %, and one from 10
 * runs 2.3 times. The confidence is 1 − p, p the two-sided probability of a change at least this
 * large from noise alone.
 */
public final class Significance {
    /**
     * A noise estimate of 0 (every run alike to the last digit kept) would make any change certain;
     * half a percent is below every noise measured here and keeps a change of that size uncertain.
     */
    public static final double MIN_CV = 0.005;

    private Significance() {}

    /**
     * The confidence each of {@code figures} judgements must reach for the verdict over all of them to
     * reach {@code family}: Šidák's correction, family^(1/k) (Šidák, 1967, JASA 62:626). Without it,
     * two runs of one build judged on eight figures at 95 % each would be called different one
     * time in three.
     */
    public static double perJudgement(double family, int figures) {
        return figures <= 1 ? family : Math.pow(family, 1.0 / figures);
    }

    /** t = d / (√2·cv), cv floored at {@link #MIN_CV}. */
    public static double t(double relativeChange, double cv) {
        return relativeChange / (Math.sqrt(2) * Math.max(cv, MIN_CV));
    }

    /** 1 − p for a relative change against noise cv measured over {@code runs} runs (at least 2). */
    public static double confidence(double relativeChange, double cv, int runs) {
        if (runs < 2 || Double.isNaN(relativeChange) || Double.isNaN(cv)) return Double.NaN;
        double t = Math.abs(t(relativeChange, cv));
        double p = 2 * (1 - new TDistribution(runs - 1).cumulativeProbability(t));
        return 1 - p;
    }

    /**
     * The smallest relative change that reaches {@code level} confidence against noise {@code cv}
     * measured over {@code runs} runs: t_crit(level, runs − 1) · √2 · cv, the inverse of {@link #confidence}.
     */
    public static double smallestSure(double cv, int runs, double level) {
        double tCrit = new TDistribution(runs - 1).inverseCumulativeProbability(1 - (1 - level) / 2);
        return tCrit * Math.sqrt(2) * Math.max(cv, MIN_CV);
    }
}
