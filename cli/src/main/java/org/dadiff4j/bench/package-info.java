/**
 * Benchmarks of {@code dadiff bench}: forward times of the networks, time per sampling step and per
 * image of each method, the pipeline's overhead beyond the network calls (timing wrappers around the
 * prior and the degradation-aware model), peak memory, scaling with output size, steps and threads,
 * and the Markdown report. Depends on pipeline and models; nothing depends on it but the CLI.
 */
package org.dadiff4j.bench;
