/**
 * Noise schedules, timestep spacing and samplers (DDIM, DDPM). They know nothing of networks: a prior is passed in call by call.
 */
package org.dadiff4j.sampling;
