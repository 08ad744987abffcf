/**
 * Training of the kernel estimator on the kernels the degradation pipeline records.
 */
package org.dadiff4j.train.kernel;
