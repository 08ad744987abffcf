/**
 * Metrics (PSNR, SSIM, NIQE, LPIPS, DISTS, FID), the benchmark runner over test sets, and the HTML report.
 */
package org.dadiff4j.eval;
