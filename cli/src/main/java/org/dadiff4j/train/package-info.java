/**
 * Trainers for the degradation-aware models, the kernel estimator and the compact prior: data loaders, EMA, checkpoints.
 */
package org.dadiff4j.train;
