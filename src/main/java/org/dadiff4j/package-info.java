/**
 * dadiff4j: blind image super-resolution by degradation-aware diffusion guidance (DADiff).
 *
 * <p>Packages, top to bottom; a package imports only packages listed below it:
 * {@code cli}, {@code pipeline}, {@code eval}, {@code train}, {@code guidance}, {@code sampling},
 * {@code models}, {@code degrade}, {@code data}, {@code weights}, {@code image}, {@code nn}.
 * This root package holds only what every layer shares: {@link org.dadiff4j.DadiffException} and
 * {@link org.dadiff4j.Runtime}.
 */
package org.dadiff4j;
