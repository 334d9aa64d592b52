package dev.headroom.sizing;

/**
 * The real roots of a·x² + b·x + c = 0, computed without the cancellation of the school formula:
 * q = −(b + sgn(b)·√Δ) / 2, roots q/a and c/q. When a = 0 one root is infinite and the other is
 * the linear root −c/b, so the USL's κ = 0 case needs no branch of its own.
 *
 * @see "Press et al., Numerical Recipes, 3rd ed. (2007), Section 5.6, Equations 5.6.4 and 5.6.5"
 */
final class Quadratic {
    private Quadratic() {}

    /**
     * Both roots, smaller first. A discriminant a little below zero is rounding at a double root
     * (the USL at its peak), so it is taken as zero: callers check their domain before calling.
     */
    static double[] roots(double a, double b, double c) {
        double discriminant = Math.max(0, b * b - 4 * a * c);
        double q = -0.5 * (b + Math.copySign(Math.sqrt(discriminant), b));
        double first = q / a;
        double second = c / q;
        return first <= second ? new double[] {first, second} : new double[] {second, first};
    }
}
