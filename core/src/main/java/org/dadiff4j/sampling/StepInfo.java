package org.dadiff4j.sampling;

/**
 * One reverse step from timestep {@code t} to {@code tNext} ({@code -1} for the last step, where
 * {@code atNext = 1}), with the alpha-bars of both ends as float32.
 *
 * @param index 0-based position in execution order
 * @param total number of steps in the run
 * @param t current timestep
 * @param tNext timestep reached by this step
 * @param at alpha-bar at {@code t}
 * @param atNext alpha-bar at {@code tNext}
 */
public record StepInfo(int index, int total, int t, int tNext, float at, float atNext) {}
