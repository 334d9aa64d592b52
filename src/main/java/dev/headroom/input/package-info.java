/**
 * Reads the sizer's input files into the model: steps.csv (strictly, every number in its range),
 * the sizing request and current plan, price and catalog files, and a run's run.json. Every
 * problem names its file, line and field and says what is accepted, and is reported before any
 * sizing. Downstream of the model it builds; the report and the history read through it.
 */
package dev.headroom.input;
