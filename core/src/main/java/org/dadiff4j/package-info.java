/**
 * dadiff4j: blind image super-resolution by degradation-aware diffusion guidance (DADiff).
 *
 * <p>Packages, top to bottom; a package imports only packages listed below it:
 * {@code cli}, {@code eval}, {@code api}, {@code pipeline}, {@code train}, {@code guidance}, {@code sampling},
 * {@code models}, {@code data}, {@code degrade}, {@code weights}, {@code image}, {@code nn}.
 * (The evaluation runner drives the pipeline, and data sets are built with the degradation
 * pipeline, so those pairs sit in this order rather than design.md's.)
 * This root package holds only what every layer shares: {@link org.dadiff4j.DadiffException} and
 * its kinds ({@link org.dadiff4j.SettingsException}, {@link org.dadiff4j.ModelException},
 * {@link org.dadiff4j.ImageException}),
 * {@link org.dadiff4j.Runtime}, {@link org.dadiff4j.AtomicFile} and {@link org.dadiff4j.Problems}.
 */
package org.dadiff4j;
