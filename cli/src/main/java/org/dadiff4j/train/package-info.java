/**
 * Trainers for the degradation-aware models, the kernel estimator and the compact prior, on one
 * stack: the options of {@link org.dadiff4j.train.RunBuilder}, one loop (TrainingLoop: batches,
 * Adam with warmup, cosine decay, clipping and a moving average, validation, checkpoints, a time
 * budget) into which each trainer plugs its networks, loss, validation and shipped model, and
 * checkpoints that resume a run exactly.
 */
package org.dadiff4j.train;
