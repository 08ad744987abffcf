/**
 * Noise schedules, timestep spacing, the per-step schedulers (DdimScheduler, DdpmScheduler,
 * DdnmPlusScheduler: swappable, as in diffusers) and the Sampler that runs their loop. They know
 * nothing of networks: a prior is passed in call by call.
 */
package org.dadiff4j.sampling;
